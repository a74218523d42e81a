import { db, type Tx } from "@/lib/db/client";
import { isAppError, notFound } from "@/lib/errors";
import { contextFor, type OrgContext } from "@/lib/orgs/context";
import { scheduleChanged } from "@/lib/queue/publish-wake";
import { occurrencesBetween, type SeriesRule } from "@/lib/recurrence/occurrences";
import type { StoredRule } from "@/lib/recurrence/rule";
import { wallTimeToDate } from "@/lib/time/zone";
import type { PostSeries } from "@/lib/generated/prisma/client";
import { writeTarget } from "./operations";
import { prepareTargets, type PreparedTarget } from "./prepare";
import type { TargetInput } from "./schemas";
import { recordPostsCreated } from "./webhook-events";

// Occurrences of a recurring series are created ahead of time, each an ordinary scheduled post,
// up to a horizon: the next HORIZON_DAYS days (from the series' start when that is later) or
// the next HORIZON_COUNT occurrences, whichever comes sooner. The worker extends every series periodically. A series' cursor
// (materialized_until) only moves forward, under a row lock, and (series, occurrence time) is
// unique: two workers extending the same series at once create each occurrence once.

export const HORIZON_DAYS = 60;
export const HORIZON_COUNT = 30;
/** A series starting "now" from the composer may be a few seconds old when it is saved. */
const PAST_SLACK_MS = 30_000;

export const seriesRuleOf = (row: Pick<PostSeries, "rule" | "startLocal" | "timeZone" | "endsBefore">): SeriesRule => ({
  rule: row.rule as StoredRule,
  startLocal: row.startLocal,
  timeZone: row.timeZone,
  endsBefore: row.endsBefore,
});

/** The occurrences a series still lacks within the horizon, given how many upcoming ones exist. */
export function plannedOccurrences(
  row: Pick<PostSeries, "rule" | "startLocal" | "timeZone" | "endsBefore" | "materializedUntil">,
  upcoming: number,
  now = new Date(),
): Date[] {
  const want = HORIZON_COUNT - upcoming;
  if (want <= 0) return [];
  const floor = new Date(now.getTime() - PAST_SLACK_MS);
  const after = row.materializedUntil && row.materializedUntil > floor ? row.materializedUntil : floor;
  // A series that starts months ahead is materialized from its start, so its first weeks show.
  const start = wallTimeToDate(row.startLocal, row.timeZone);
  const from = start > now ? start : now;
  return occurrencesBetween(seriesRuleOf(row), after, new Date(from.getTime() + HORIZON_DAYS * 86_400_000), want);
}

/** Validates the series' content against each channel's rules, as any post at that time would be. */
export const prepareOccurrence = (ctx: OrgContext, template: TargetInput[], at: Date, now = new Date()) =>
  prepareTargets(ctx, { mode: "schedule", publishAt: at, targets: template }, now);

/**
 * Creates the given occurrences inside the caller's transaction, each with its targets and jobs,
 * skipping any at or before the series' cursor (read under a row lock) or already present.
 * Returns the new post ids in time order.
 */
export async function insertOccurrences(
  tx: Tx,
  organizationId: string,
  series: { id: string; createdById: string | null },
  planned: Date[],
  prepared: PreparedTarget[],
): Promise<string[]> {
  const [locked] = await tx.$queryRaw<{ materialized_until: Date | null; ends_before: Date | null }[]>`
    SELECT materialized_until, ends_before FROM post_series WHERE id = ${series.id} AND organization_id = ${organizationId} FOR UPDATE`;
  if (!locked) return [];
  const fresh = planned.filter(
    (at) => (!locked.materialized_until || at > locked.materialized_until) && (!locked.ends_before || at < locked.ends_before),
  );
  if (!fresh.length) return [];
  const posts = await tx.post.createManyAndReturn({
    data: fresh.map((at) => ({ organizationId, createdById: series.createdById, publishAt: at, seriesId: series.id, occurrenceAt: at })),
    skipDuplicates: true,
  });
  posts.sort((a, b) => a.occurrenceAt!.getTime() - b.occurrenceAt!.getTime());
  for (const p of posts) for (const t of prepared) await writeTarget(tx, organizationId, p.id, t, p.occurrenceAt!);
  await recordPostsCreated(
    tx,
    organizationId,
    posts.map((p) => p.id),
  );
  await tx.postSeries.update({ where: { id: series.id }, data: { materializedUntil: fresh.at(-1)!, lastError: null } });
  return posts.map((p) => p.id);
}

/**
 * Extends one series to the horizon. Content that no longer passes a channel's rules (a channel
 * disconnected, a file removed) creates nothing: the reason is kept on the series for the user,
 * and the next round tries again.
 */
export async function extendSeries(ctx: OrgContext, seriesId: string, now = new Date()): Promise<{ created: string[]; error?: string }> {
  const row = await ctx.db.postSeries.findUnique({ where: { id: seriesId } });
  if (!row) throw notFound("Series");
  const upcoming = await ctx.db.post.count({ where: { seriesId, occurrenceAt: { gt: now } } });
  const planned = plannedOccurrences(row, upcoming, now);
  if (!planned.length) return { created: [] };
  let prepared: PreparedTarget[];
  try {
    prepared = await prepareOccurrence(ctx, row.template as TargetInput[], planned[0]!, now);
  } catch (e) {
    if (!isAppError(e)) throw e;
    await ctx.db.postSeries.update({ where: { id: seriesId }, data: { lastError: e.message.slice(0, 2000) } });
    return { created: [], error: e.message };
  }
  const created = await ctx.db.$transaction((tx) => insertOccurrences(tx as Tx, ctx.organizationId, row, planned, prepared), {
    timeout: 60_000,
  });
  if (created.length) scheduleChanged(planned[0]!);
  return { created };
}

/** The worker's round: every series that has not ended, in every organization. */
export async function extendAllSeries(now = new Date()): Promise<{ series: number; created: number; failed: number }> {
  const rows = await db.postSeries.findMany({
    where: { OR: [{ endsBefore: null }, { endsBefore: { gt: now } }] },
    select: { id: true, organizationId: true, createdById: true },
    orderBy: { createdAt: "asc" },
  });
  let created = 0;
  let failed = 0;
  for (const r of rows) {
    const ctx = contextFor(r.createdById ?? "", r.organizationId, "owner");
    try {
      const res = await extendSeries(ctx, r.id, now);
      created += res.created.length;
      if (res.error) failed++;
    } catch (e) {
      failed++;
      console.error(`[series] extending ${r.id} failed`, e);
    }
  }
  return { series: rows.length, created, failed };
}
