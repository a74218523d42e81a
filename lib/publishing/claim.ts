import "server-only";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/pool";
import type { ChannelRow } from "@/lib/channels/tokens";

// Claiming a target is the one atomic step that decides who publishes it. One statement takes
// the target (if it is due, or its worker's lease ran out) together with a free place of its
// publishing group (publish_slots, one row per place up to maxConcurrentJob). Both are taken with
// FOR UPDATE SKIP LOCKED, so however many worker processes run, no more than the limit publish at
// once, and nobody waits on a lock to find out. A worker that dies keeps nothing: the target's and
// the place's leases run out and both can be taken again.

export type ClaimedTarget = {
  id: string;
  organizationId: string;
  postId: string;
  integrationId: string;
  provider: string;
  publishGroup: string;
  items: unknown;
  settings: unknown;
  results: unknown;
  attempts: number;
  dueAt: Date | null;
  /** The status before this claim: "publishing" means a dead worker's target is taken over. */
  previousStatus: string;
  /** The item whose call was in flight before this claim (its fate is unknown), if any. */
  callingItem: number | null;
  callingSince: Date | null;
  /** Whether the claim already marked the first item to publish as in flight. */
  markedOnClaim: boolean;
  publishAt: Date | null;
  channel: ChannelRow;
};

export type ClaimResult = { claimed: ClaimedTarget } | { busy: true } | { gone: true };

/** Makes sure each group has its places (more places than the limit are simply never used). */
export async function ensureSlots(groups: Map<string, number>): Promise<void> {
  for (const [group, limit] of groups) {
    await db.$executeRaw`INSERT INTO publish_slots (publish_group, slot) SELECT ${group}, g FROM generate_series(0, ${limit - 1}::int) g ON CONFLICT DO NOTHING`;
  }
}

/**
 * `markCalling`: also mark the next item as in flight, saving a round trip, for groups where a
 * spurious mark costs only a look-up or a safe repeat (not for platforms that would then report
 * the post unconfirmed).
 */
export async function claimTarget(
  targetId: string,
  group: string,
  limit: number,
  workerId: string,
  leaseMs: number,
  markCalling = false,
): Promise<ClaimResult> {
  const lease = leaseMs / 1000;
  const { rows } = await sql(
    `
    WITH target AS (
      SELECT id, status::text AS prev_status, calling_item AS prev_calling_item, calling_since AS prev_calling_since FROM post_targets
      WHERE id = $1 AND ((status = 'scheduled' AND due_at <= now()) OR (status = 'publishing' AND lease_until < now()))
      FOR UPDATE SKIP LOCKED
    ), place AS (
      SELECT publish_group, slot FROM publish_slots
      WHERE publish_group = $2 AND slot < $3::int AND EXISTS (SELECT 1 FROM target)
        AND (target_id IS NULL OR lease_until < now() OR target_id = $1)
      ORDER BY slot LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), took AS (
      UPDATE publish_slots s SET target_id = $1, claimed_by = $4, lease_until = now() + make_interval(secs => $5::float8)
      FROM place WHERE s.publish_group = place.publish_group AND s.slot = place.slot
      RETURNING s.slot
    )
    UPDATE post_targets t SET status = 'publishing', claimed_by = $4,
      lease_until = now() + make_interval(secs => $5::float8), attempts = t.attempts + 1, updated_at = now(),
      calling_item = CASE WHEN $6::boolean THEN COALESCE(t.calling_item, jsonb_array_length(COALESCE(t.results, '[]'::jsonb))) ELSE t.calling_item END,
      calling_since = CASE WHEN $6::boolean THEN COALESCE(t.calling_since, now()) ELSE t.calling_since END
    FROM posts p, integrations i, target
    WHERE t.id = target.id AND EXISTS (SELECT 1 FROM took) AND p.id = t.post_id AND i.id = t.integration_id
    RETURNING t.id, t.organization_id, t.post_id, t.integration_id, t.provider, t.publish_group, target.prev_status,
      t.items, t.settings, t.results, t.attempts, t.due_at, target.prev_calling_item, target.prev_calling_since, p.publish_at,
      i.organization_id AS i_organization_id, i.provider AS i_provider, i.internal_id, i.name, i.username, i.status::text AS i_status,
      i.access_token, i.refresh_token, i.token_expires_at, i.instance_url, i.profile`,
    [targetId, group, limit, workerId, lease, markCalling],
  );
  const row = rows[0];
  if (row) return { claimed: toClaimed(row, markCalling) };
  // Not claimed: either nobody should publish it now (done, cancelled, moved, held by a live
  // worker) or the group is full and the caller should wait its turn.
  const {
    rows: [state],
  } = await sql<{ claimable: boolean }>(
    `SELECT ((status = 'scheduled' AND due_at <= now()) OR (status = 'publishing' AND lease_until < now())) AS claimable
     FROM post_targets WHERE id = $1`,
    [targetId],
  );
  return state?.claimable ? { busy: true } : { gone: true };
}

const asDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v as string));

function toClaimed(r: Record<string, unknown>, markedOnClaim: boolean): ClaimedTarget {
  return {
    id: r.id as string,
    organizationId: r.organization_id as string,
    postId: r.post_id as string,
    integrationId: r.integration_id as string,
    provider: r.provider as string,
    publishGroup: r.publish_group as string,
    previousStatus: r.prev_status as string,
    items: r.items,
    settings: r.settings,
    results: r.results,
    attempts: Number(r.attempts),
    dueAt: asDate(r.due_at),
    callingItem: r.prev_calling_item as number | null,
    callingSince: asDate(r.prev_calling_since),
    markedOnClaim,
    publishAt: asDate(r.publish_at),
    channel: {
      id: r.integration_id as string,
      organizationId: r.i_organization_id as string,
      provider: r.i_provider as string,
      internalId: r.internal_id as string,
      name: r.name as string,
      username: r.username as string | null,
      status: r.i_status as ChannelRow["status"],
      accessToken: r.access_token as string | null,
      refreshToken: r.refresh_token as string | null,
      tokenExpiresAt: asDate(r.token_expires_at),
      instanceUrl: r.instance_url as string | null,
      profile: r.profile as ChannelRow["profile"],
    },
  };
}

/**
 * Stores a published target and, in the same round trip, hands its place in the group to the next
 * target of the same group (see migration 0003). `claimed` is the next target when it could be
 * taken; otherwise (or with no next target) the place is released.
 */
export async function finishAndClaim(
  doneId: string,
  workerId: string,
  results: unknown,
  nextId: string | null,
  leaseMs: number,
  markCalling: boolean,
): Promise<{ stored: boolean; claimed?: ClaimedTarget }> {
  const { rows } = await sql<{ r: { stored: boolean; claimed: Record<string, unknown> | null } }>(
    "SELECT publish_finish_and_claim($1, $2, $3::jsonb, $4, $5::float8, $6::boolean) AS r",
    [doneId, workerId, JSON.stringify(results), nextId, leaseMs / 1000, markCalling],
  );
  const r = rows[0]!.r;
  return { stored: r.stored, claimed: r.claimed ? toClaimed(r.claimed, markCalling) : undefined };
}

/** Extends the target's and its place's leases; false means another worker has taken over. */
export async function renewLease(targetId: string, workerId: string, leaseMs: number): Promise<boolean> {
  const lease = leaseMs / 1000;
  const { rowCount } = await sql(
    `WITH place AS (
       UPDATE publish_slots SET lease_until = now() + make_interval(secs => $3::float8)
       WHERE target_id = $1 AND claimed_by = $2
     )
     UPDATE post_targets SET lease_until = now() + make_interval(secs => $3::float8)
     WHERE id = $1 AND claimed_by = $2 AND status = 'publishing'`,
    [targetId, workerId, lease],
  );
  return rowCount > 0;
}

/** Gives the group's place back once the worker is done with the target. */
export async function releaseSlot(targetId: string, workerId: string): Promise<void> {
  await sql("UPDATE publish_slots SET target_id = NULL, claimed_by = NULL, lease_until = NULL WHERE target_id = $1 AND claimed_by = $2", [
    targetId,
    workerId,
  ]);
}
