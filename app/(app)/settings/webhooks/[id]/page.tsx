import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryLog } from "@/components/settings/webhooks/delivery-log";
import { EndpointControls } from "@/components/settings/webhooks/endpoint-controls";
import { EndpointForm } from "@/components/settings/webhooks/endpoint-form";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requirePageContext } from "@/lib/auth/current";
import { listChannels } from "@/lib/channels/queries";
import { isAppError } from "@/lib/errors";
import { hasRole } from "@/lib/orgs/roles";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { getEndpoint } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext();
  if (!hasRole(ctx.role, "admin")) return <Alert>Only an owner or admin of this organization can manage webhooks.</Alert>;
  const { id } = await params;
  const endpoint = await getEndpoint(ctx, id).catch((e) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  const [deliveries, channels] = await Promise.all([listDeliveries(ctx, id), listChannels(ctx)]);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Webhook endpoint" description={endpoint.url} />
      <Link href="/settings/webhooks" className="text-sm text-brand-700 hover:underline">
        ← All endpoints
      </Link>
      <Card title="Endpoint">
        <EndpointControls id={endpoint.id} enabled={endpoint.enabled} disabledReason={endpoint.disabledReason} />
      </Card>
      <Card title="Deliveries" description="The latest 50 events sent to this endpoint, with every attempt.">
        <DeliveryLog deliveries={deliveries} timeZone={ctx.user.timezone ?? "UTC"} />
      </Card>
      <Card title="Edit">
        <EndpointForm channels={channels.map((c) => ({ id: c.id, name: c.name, provider: c.provider }))} endpoint={endpoint} />
      </Card>
    </div>
  );
}
