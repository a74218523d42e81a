import { notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { describeRule } from "@/lib/recurrence/describe";
import type { StoredRule } from "@/lib/recurrence/rule";

// The series a post belongs to, as the composer and the API show it.

export type SeriesView = {
  id: string;
  rule: StoredRule;
  startLocal: string;
  timeZone: string;
  endsBefore: string | null;
  description: string;
  /** Why the last extension created nothing (a channel needs attention), or null. */
  lastError: string | null;
  /** Occurrences created and not yet due. */
  upcoming: number;
};

export async function seriesOfPost(ctx: OrgContext, postId: string, now = new Date()): Promise<SeriesView | null> {
  const post = await ctx.db.post.findUnique({ where: { id: postId }, include: { series: true } });
  if (!post) throw notFound("Post");
  const s = post.series;
  if (!s || post.seriesDetached) return null;
  const rule = s.rule as StoredRule;
  return {
    id: s.id,
    rule,
    startLocal: s.startLocal,
    timeZone: s.timeZone,
    endsBefore: s.endsBefore?.toISOString() ?? null,
    description: describeRule(rule, s.startLocal, s.timeZone, s.endsBefore),
    lastError: s.lastError,
    upcoming: await ctx.db.post.count({ where: { seriesId: s.id, occurrenceAt: { gt: now } } }),
  };
}
