import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { enqueueDeliveries } from "./queue";

// Gives a job to every outbox row that needs one: rows the database's triggers wrote (a target or
// channel status change: they have no job yet), rows whose worker died mid-attempt (lease ran
// out: back to pending, same webhook-id), and rows overdue by minutes whose job went missing. A
// duplicate job is harmless: claiming the row is atomic.

const OVERDUE = "2 minutes";

export async function sweepDeliveries(limit = 500): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: string; next_attempt_at: Date }[]>(
      `SELECT id, next_attempt_at FROM webhook_deliveries
       WHERE (status = 'pending' AND (job_id IS NULL OR next_attempt_at < now() - interval '${OVERDUE}'))
          OR (status = 'delivering' AND lease_until < now())
       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      limit,
    );
    if (!rows.length) return 0;
    const ids = rows.map((r) => r.id);
    await tx.$executeRaw`UPDATE webhook_deliveries SET status = 'pending', claimed_by = NULL, lease_until = NULL,
      next_attempt_at = CASE WHEN status = 'delivering' THEN now() ELSE next_attempt_at END, updated_at = now()
      WHERE id = ANY(${ids}::text[])`;
    const now = Date.now();
    const later = rows.filter((r) => r.next_attempt_at.getTime() > now);
    await enqueueDeliveries(
      tx as Tx,
      ids.filter((id) => !later.some((r) => r.id === id)),
    );
    for (const r of later) await enqueueDeliveries(tx as Tx, [r.id], r.next_attempt_at);
    return ids.length;
  });
}
