import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { sql } from "@/lib/db/pool";
import { enqueueHorizonMs, enqueueTarget, PUBLISH_QUEUE_PREFIX } from "@/lib/queue/boss";

// The bridge between the schedule and the queue, run at start-up and every minute. It gives a
// job to every scheduled target that is due within the enqueue horizon and has no live job
// (newly within reach, or its job was lost: the queue was reset, a worker died holding it), and to
// every target whose worker died mid-publish (lease expired). The atomic claim makes an extra job
// harmless. One process sweeps at a time.

const SWEEP_LOCK = 727_004;

export async function sweepDueTargets(opts: { overdueMs: number; limit?: number }): Promise<{ enqueued: number }> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ got: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}::int) AS got`;
      if (!lock?.got) return { enqueued: 0 };
      const limit = opts.limit ?? 1000;
      const stale = await tx.$queryRaw<{ id: string; publish_group: string; due_at: Date | null; status: string }[]>`
        SELECT t.id, t.publish_group, t.due_at, t.status::text FROM post_targets t
        WHERE ((t.status = 'publishing' AND t.lease_until < now())
            OR (t.status = 'scheduled' AND t.due_at <= now() + make_interval(secs => ${enqueueHorizonMs() / 1000}::float8)))
          AND NOT EXISTS (
            SELECT 1 FROM pgboss.job j
            WHERE j.name = ${PUBLISH_QUEUE_PREFIX} || t.publish_group AND j.id::text = t.job_id
              AND (j.state IN ('created', 'retry')
                   OR (j.state = 'active' AND j.started_on > now() - make_interval(secs => ${opts.overdueMs / 1000}::float8))))
        ORDER BY t.due_at NULLS FIRST
        LIMIT ${limit}::int`;
      for (const t of stale) {
        const dueAt = t.status === "scheduled" && t.due_at && t.due_at > new Date() ? t.due_at : new Date();
        const jobId = await enqueueTarget(tx as Tx, { id: t.id, publishGroup: t.publish_group, dueAt });
        await tx.postTarget.update({ where: { id: t.id }, data: { jobId } });
      }
      return { enqueued: stale.length };
    },
    { timeout: 60_000 },
  );
}

/** When the next scheduled target falls due (an index range scan, whatever the backlog). */
export async function nextDueAt(): Promise<Date | null> {
  const {
    rows: [row],
  } = await sql<{ next: Date | null }>("SELECT min(due_at) AS next FROM post_targets WHERE status = 'scheduled' AND due_at > now()");
  return row?.next ?? null;
}

/** Whether anything is due right now (to keep fetching after a wake-up that raced the clock). */
export async function anythingDue(): Promise<boolean> {
  const {
    rows: [row],
  } = await sql<{ due: boolean }>("SELECT EXISTS (SELECT 1 FROM post_targets WHERE status = 'scheduled' AND due_at <= now()) AS due");
  return !!row?.due;
}
