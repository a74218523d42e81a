import "server-only";
import type { Tx } from "@/lib/db/client";
import type { WebhookEventType } from "./events";
import { enqueueDeliveries } from "./queue";

/**
 * Records an event in the outbox for every enabled endpoint of the organization that wants it,
 * with its delivery jobs, inside the caller's transaction: the event exists exactly when the change
 * it tells about was committed. `channelIds` are the channels the event is about (for the
 * endpoints' channel filters). The matching rule is the database's webhook_record (migration 0010),
 * which the status triggers use too. Costs one statement when the organization has no endpoint.
 */
export async function recordWebhookEvent(
  tx: Tx,
  organizationId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  channelIds: string[],
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT webhook_record(${organizationId}, ${type}, ${JSON.stringify(data)}::jsonb, ${channelIds}::text[], NULL) AS id`;
  const ids = rows.map((r) => r.id);
  await enqueueDeliveries(tx, ids);
  return ids;
}
