import "server-only";
import { db, type Tx } from "@/lib/db/client";
import type { WebhookEventType } from "./events";
import { insertJobs } from "./queue";

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
  const rows = await tx.$queryRaw<{ id: string; job_id: string }[]>`
    SELECT id, job_id FROM webhook_record(${organizationId}, ${type}, ${JSON.stringify(data)}::jsonb, ${channelIds}::text[], NULL, true)`;
  await insertJobs(
    tx,
    rows.map((r) => ({ id: r.id, jobId: r.job_id })),
  );
  const ids = rows.map((r) => r.id);
  return ids;
}

export type WebhookEvent = { type: WebhookEventType; data: Record<string, unknown>; channelIds: string[] };

/** Records many events of one organization in one transaction (imports, benchmarks). */
export async function recordWebhookEvents(organizationId: string, events: WebhookEvent[]): Promise<string[]> {
  return db.$transaction(
    async (tx) => {
      const ids: string[] = [];
      for (const e of events) ids.push(...(await recordWebhookEvent(tx as Tx, organizationId, e.type, e.data, e.channelIds)));
      return ids;
    },
    { timeout: 120_000 },
  );
}
