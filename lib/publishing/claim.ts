import { db } from "@/lib/db/client";

// Claiming a target is the one atomic step that decides who publishes it. The claim succeeds for
// exactly one worker, and only while the target's publishing group has a free place: the group
// count and the claim happen under one transaction-scoped advisory lock per group, so however
// many worker processes run, no more than `maxConcurrentJob` targets of a group are publishing.
// A worker that dies keeps nothing: its lease runs out and the target can be claimed again.

const LOCK_NAMESPACE = 727_003;

export type ClaimedTarget = {
  id: string;
  organizationId: string;
  postId: string;
  integrationId: string;
  provider: string;
  publishGroup: string;
  status: string;
  items: unknown;
  settings: unknown;
  results: unknown;
  attempts: number;
  dueAt: Date | null;
  callingItem: number | null;
  callingSince: Date | null;
  publishAt: Date | null;
};

export type ClaimResult = { claimed: ClaimedTarget } | { busy: true } | { gone: true };

export async function claimTarget(targetId: string, group: string, limit: number, workerId: string, leaseMs: number): Promise<ClaimResult> {
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${group}))::text AS locked`,
    db.$queryRaw<Record<string, unknown>[]>`
      UPDATE post_targets t SET status = 'publishing', claimed_by = ${workerId},
        lease_until = now() + make_interval(secs => ${leaseMs / 1000}::float8), attempts = t.attempts + 1, updated_at = now()
      FROM posts p
      WHERE t.id = ${targetId} AND p.id = t.post_id
        AND ((t.status = 'scheduled' AND t.due_at <= now()) OR (t.status = 'publishing' AND t.lease_until < now()))
        AND (SELECT count(*) FROM post_targets o
             WHERE o.status = 'publishing' AND o.publish_group = ${group} AND o.lease_until >= now()) < ${limit}::int
      RETURNING t.id, t.organization_id, t.post_id, t.integration_id, t.provider, t.publish_group, t.status::text,
        t.items, t.settings, t.results, t.attempts, t.due_at, t.calling_item, t.calling_since, p.publish_at`,
  ]);
  const row = rows[0];
  if (row) return { claimed: toClaimed(row) };
  // Not claimed: either nobody should publish it now (done, cancelled, moved, held by a live
  // worker) or the group is full and the caller should wait its turn.
  const [state] = await db.$queryRaw<{ claimable: boolean }[]>`
    SELECT ((status = 'scheduled' AND due_at <= now()) OR (status = 'publishing' AND lease_until < now())) AS claimable
    FROM post_targets WHERE id = ${targetId}`;
  return state?.claimable ? { busy: true } : { gone: true };
}

function toClaimed(r: Record<string, unknown>): ClaimedTarget {
  return {
    id: r.id as string, organizationId: r.organization_id as string, postId: r.post_id as string, integrationId: r.integration_id as string,
    provider: r.provider as string, publishGroup: r.publish_group as string, status: r.status as string, items: r.items, settings: r.settings,
    results: r.results, attempts: Number(r.attempts), dueAt: r.due_at as Date | null, callingItem: r.calling_item as number | null,
    callingSince: r.calling_since as Date | null, publishAt: r.publish_at as Date | null,
  };
}

/** Extends the lease while the worker is busy; false means another worker has taken over. */
export async function renewLease(targetId: string, workerId: string, leaseMs: number): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE post_targets SET lease_until = now() + make_interval(secs => ${leaseMs / 1000}::float8)
    WHERE id = ${targetId} AND claimed_by = ${workerId} AND status = 'publishing'`;
  return n > 0;
}
