import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { MembersPanel } from "@/components/settings/members-panel";
import { OrganizationPanel } from "@/components/settings/organization-panel";
import { ProfileForm } from "@/components/settings/profile-form";
import { requirePageContext } from "@/lib/auth/current";
import { listPendingInvites } from "@/lib/orgs/invites";
import { listMembers } from "@/lib/orgs/members";
import { hasRole } from "@/lib/orgs/roles";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await requirePageContext();
  const canManage = hasRole(ctx.role, "admin");
  const [members, invites] = await Promise.all([listMembers(ctx), canManage ? listPendingInvites(ctx) : Promise.resolve([])]);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Settings"
        description="Your profile, your organization and its members."
        actions={
          <Link href="/settings/api" className="text-sm font-medium text-brand-700 hover:underline">
            API keys and reference →
          </Link>
        }
      />
      <ProfileForm name={ctx.user.name ?? ""} email={ctx.user.email} timezone={ctx.user.timezone} />
      <OrganizationPanel name={ctx.organizationName} role={ctx.role} />
      <MembersPanel
        members={members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
        invites={invites.map((i) => ({ id: i.id, role: i.role, expiresAt: i.expiresAt.toISOString() }))}
        currentUserId={ctx.userId}
        role={ctx.role}
      />
      {canManage && (
        <Card title="Webhooks" description="Send signed events to your own systems when posts and channels change.">
          <Link href="/settings/webhooks" className="text-sm font-medium text-brand-700 hover:underline">
            Manage webhooks →
          </Link>
        </Card>
      )}
    </div>
  );
}
