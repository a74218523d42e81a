import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { requireRole } from "@/lib/orgs/roles";
import { TEST_EVENT } from "./events";
import { enqueueDeliveries } from "./queue";

// An endpoint's delivery log, "Send test event" and "Re-send". The test event goes through the
// same outbox, queue, signing and log as any other.

export type AttemptView = {
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseSnippet: string | null;
};
export type DeliveryView = {
  id: string;
  type: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  occurredAt: string;
  deliveredAt: string | null;
  data: unknown;
  log: AttemptView[];
};

export async function listDeliveries(ctx: OrgContext, endpointId: string, limit = 50): Promise<DeliveryView[]> {
  requireRole(ctx, "admin", "manage webhooks");
  const endpoint = await ctx.db.webhookEndpoint.findFirst({ where: { id: endpointId }, select: { id: true } });
  if (!endpoint) throw notFound("Webhook endpoint");
  const rows = await ctx.db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(1, limit), 200),
    include: { attemptLog: { orderBy: { startedAt: "asc" } } },
  });
  return rows.map((d) => ({
    id: d.id,
    type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    occurredAt: d.occurredAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    data: d.data,
    log: d.attemptLog.map((a) => ({
      attempt: a.attempt,
      startedAt: a.startedAt.toISOString(),
      durationMs: a.durationMs,
      statusCode: a.statusCode,
      error: a.error,
      responseSnippet: a.responseSnippet,
    })),
  }));
}

/** Queues a webhook.test event to this one endpoint (whatever its event and channel filters). */
export async function sendTestEvent(ctx: OrgContext, endpointId: string): Promise<{ id: string }> {
  requireRole(ctx, "admin", "send test webhooks");
  const endpoint = await ctx.db.webhookEndpoint.findFirst({ where: { id: endpointId } });
  if (!endpoint) throw notFound("Webhook endpoint");
  if (!endpoint.enabled) throw new AppError("This endpoint is turned off; turn it on to send a test event", 409);
  return ctx.db.$transaction(async (tx) => {
    const d = await tx.webhookDelivery.create({
      data: {
        organizationId: ctx.organizationId,
        endpointId,
        eventType: TEST_EVENT,
        data: { endpointId, message: "A test event from Postmill: your endpoint is reachable and its signature can be checked." },
      },
    });
    await enqueueDeliveries(tx as Tx, [d.id]);
    return { id: d.id };
  });
}

/** Sends a failed delivery again, from its first attempt, with the same webhook-id. */
export async function resendDelivery(ctx: OrgContext, deliveryId: string): Promise<{ id: string }> {
  requireRole(ctx, "admin", "re-send webhooks");
  const d = await ctx.db.webhookDelivery.findFirst({ where: { id: deliveryId }, include: { endpoint: { select: { enabled: true } } } });
  if (!d) throw notFound("Webhook delivery");
  if (d.status !== "failed") throw new AppError(`This delivery is ${d.status}; only failed deliveries can be re-sent`, 409);
  if (!d.endpoint.enabled) throw new AppError("This endpoint is turned off; turn it on to re-send", 409);
  await ctx.db.$transaction(async (tx) => {
    const res = await tx.webhookDelivery.updateMany({
      where: { id: d.id, status: "failed" },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null, lastStatus: null },
    });
    if (!res.count) throw new AppError("This delivery changed meanwhile; reload and try again", 409);
    await enqueueDeliveries(tx as Tx, [d.id]);
  });
  return { id: d.id };
}
