import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "@/components/api/api-reference";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { PageHeader } from "@/components/shell/page-header";
import { listApiKeys } from "@/lib/api-keys/keys";
import { buildOpenApi } from "@/lib/api/v1/openapi";
import { V1_OPERATIONS } from "@/lib/api/v1/operations";
import { requirePageContext } from "@/lib/auth/current";
import { hasRole } from "@/lib/orgs/roles";

export const metadata: Metadata = { title: "API" };

export default async function ApiSettingsPage() {
  const ctx = await requirePageContext();
  const canManage = hasRole(ctx.role, "admin");
  const keys = canManage ? await listApiKeys(ctx) : [];
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="API"
        description={
          <>
            Use this organization from scripts and other tools. Send <code className="font-mono">Authorization: Bearer &lt;key&gt;</code> to{" "}
            <code className="font-mono">/api/v1</code>; the machine-readable description is{" "}
            <Link href="/api/v1/openapi.json" className="text-brand-700 underline" prefetch={false}>
              /api/v1/openapi.json
            </Link>
            .
          </>
        }
      />
      {canManage ? (
        <ApiKeysPanel keys={keys} />
      ) : (
        <p className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
          Only owners and admins can create and revoke API keys.
        </p>
      )}
      <h2 className="pt-2 text-lg font-semibold">Reference</h2>
      <ApiReference doc={buildOpenApi(V1_OPERATIONS)} />
    </div>
  );
}
