import "server-only";
import { randomUUID } from "node:crypto";
import { fromPrisma, type PgBoss } from "pg-boss";
import type { Tx } from "@/lib/db/client";
import { getBoss } from "@/lib/queue/boss";

// One pg-boss queue carries every delivery: a job per attempt, created in the transaction that
// writes (or reschedules) its outbox row. The row is the truth (status, attempts, next time); the
// job only says when to look. Retries are ours (a new job per attempt), never pg-boss's.

export const WEBHOOK_QUEUE = "webhooks";
export const WEBHOOK_CHANNEL = "postmill_webhooks";
export type DeliveryJob = { deliveryId: string };

const holder = globalThis as unknown as { __webhookQueue?: Promise<PgBoss> };

export function webhookBoss(): Promise<PgBoss> {
  holder.__webhookQueue ??= getBoss().then(async (boss) => {
    await boss.createQueue(WEBHOOK_QUEUE, { notify: true, retryLimit: 0, expireInSeconds: 15 * 60, deleteAfterSeconds: 2 * 24 * 3600 });
    return boss;
  });
  holder.__webhookQueue.catch(() => (holder.__webhookQueue = undefined));
  return holder.__webhookQueue;
}

/** Creates the delivery jobs of `ids` inside the caller's transaction and links them to the rows. */
export async function enqueueDeliveries(tx: Tx, ids: string[], startAfter?: Date): Promise<void> {
  if (!ids.length) return;
  const rows = ids.map((id) => ({ id, jobId: randomUUID() }));
  await insertJobs(tx, rows, startAfter);
  await tx.$executeRaw`UPDATE webhook_deliveries d SET job_id = v.job, updated_at = now()
    FROM unnest(${ids}::text[], ${rows.map((r) => r.jobId)}::text[]) AS v(id, job) WHERE d.id = v.id`;
}

/** Creates the jobs of rows that already carry their job's id (written by webhook_record). */
export async function insertJobs(tx: Tx, rows: { id: string; jobId: string }[], startAfter?: Date): Promise<void> {
  if (!rows.length) return;
  const boss = await webhookBoss();
  await boss.insert(
    WEBHOOK_QUEUE,
    rows.map((r) => ({ id: r.jobId, data: { deliveryId: r.id } satisfies DeliveryJob, startAfter })),
    { db: fromPrisma(tx as never) },
  );
}
