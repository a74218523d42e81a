import type { Metadata } from "next";
import Link from "next/link";
import { EndpointForm } from "@/components/settings/webhooks/endpoint-form";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { hasRole } from "@/lib/orgs/roles";
import { listEndpoints } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const ctx = await requirePageContext();
  if (!hasRole(ctx.role, "admin"))
    return (
      <div className="max-w-3xl space-y-6">
        <PageHeader title="Webhooks" description="Tell your own systems what happens in Postmill." />
        <Alert>Only an owner or admin of this organization can manage webhooks.</Alert>
      </div>
    );
  const [endpoints, channels] = await Promise.all([listEndpoints(ctx), listChannels(ctx)]);
  const names = new Map(channels.map((c) => [c.id, c.name]));
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Webhooks"
        description="Postmill POSTs a signed JSON event to your endpoints when posts and channels change (see docs/webhooks.md)."
      />
      <Card title="Endpoints">
        {endpoints.length === 0 ? (
          <p className="text-sm text-slate-500">No endpoint yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {endpoints.map((e) => (
              <li key={e.id} className="flex items-center justify-between gap-3 py-2.5 text-sm" data-testid="endpoint-row">
                <div className="min-w-0">
                  <Link href={`/settings/webhooks/${e.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                    {e.url}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {e.description && `${e.description} · `}
                    {e.events.length ? e.events.join(", ") : "all events"}
                    {e.channelIds.length > 0 && ` · ${e.channelIds.map((id) => names.get(id) ?? id).join(", ")}`}
                  </p>
                </div>
                <span
                  className={`shrink-0 rounded px-2 py-0.5 text-xs ${e.enabled ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
                >
                  {e.enabled ? "on" : "off"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Add an endpoint">
        <EndpointForm channels={channels.map((c) => ({ id: c.id, name: c.name, provider: c.provider }))} />
      </Card>
    </div>
  );
}
