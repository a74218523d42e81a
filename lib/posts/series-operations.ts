import type { Tx } from "@/lib/db/client";
import { AppError, notFound, ValidationError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { cancelJob } from "@/lib/queue/boss";
import { scheduleChanged } from "@/lib/queue/publish-wake";
import { countBefore } from "@/lib/recurrence/occurrences";
import { storedRule, WEEKDAYS, type Repeat, type StoredRule } from "@/lib/recurrence/rule";
import { dateToWallTime, weekdayIndex } from "@/lib/time/zone";
import { parseOrThrow } from "@/lib/validation";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deletePost, updatePost } from "./operations";
import { insertOccurrences, plannedOccurrences, prepareOccurrence, seriesRuleOf } from "./series-materialize";
import { occurrenceDeleteQuerySchema, occurrenceEditSchema, seriesInputSchema, type EditScope } from "./series-schemas";
import type { TargetInput } from "./schemas";
import { recordPostEvent } from "./webhook-events";
import { addAutoSignatures } from "@/lib/signatures/auto";

// Recurring series: create one, edit or delete one occurrence or this-and-following, stop one.
// Published (or in-flight) occurrences are history and are never changed or removed here.

const SENT = ["publishing", "published", "unconfirmed"];

type NewSeries = { publishAt: Date; targets: TargetInput[]; rule: StoredRule; timeZone: string };

/** The rules that need the start as well as the rule: the first post is the first occurrence. */
function checkStart(s: NewSeries, field: string): string {
  const startLocal = dateToWallTime(s.publishAt, s.timeZone);
  const errors: Record<string, string> = {};
  const day = startLocal.slice(0, 10);
  if (s.rule.end.kind === "until" && s.rule.end.until < day)
    errors[`${field}.end.until`] = `the end date must be on or after the first post's date (${day} in ${s.timeZone})`;
  if (s.rule.freq === "weekly" && !s.rule.weekdays.includes(WEEKDAYS[weekdayIndex(day)]!))
    errors[`${field}.weekdays`] =
      `the first post is on a ${WEEKDAY_NAMES[weekdayIndex(day)]} (${s.timeZone}); include that day in the weekdays or pick another start`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return startLocal;
}
const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Validates, then writes the series and its first occurrences in one transaction. */
async function startSeries(
  ctx: OrgContext,
  s: NewSeries,
  field: string,
  now: Date,
  before?: (tx: Tx) => Promise<void>,
): Promise<{ seriesId: string; postIds: string[] }> {
  const startLocal = checkStart(s, field);
  const prepared = await prepareOccurrence(ctx, s.targets, s.publishAt, now);
  const row = {
    rule: s.rule as unknown as Prisma.InputJsonValue,
    startLocal,
    timeZone: s.timeZone,
    endsBefore: null,
    materializedUntil: null,
  };
  const planned = plannedOccurrences({ ...row, rule: s.rule as never }, 0, now);
  if (!planned.length) throw new ValidationError({ [field]: "this rule gives no occurrence within the next 60 days from the start" });
  const out = await ctx.db.$transaction(
    async (tx) => {
      if (before) await before(tx as Tx);
      const series = await tx.postSeries.create({
        data: {
          ...row,
          organizationId: ctx.organizationId,
          createdById: ctx.userId,
          template: s.targets as unknown as Prisma.InputJsonValue,
        },
      });
      const postIds = await insertOccurrences(tx as Tx, ctx.organizationId, series, planned, prepared);
      return { seriesId: series.id, postIds };
    },
    { timeout: 60_000 },
  );
  scheduleChanged(planned[0]!);
  return out;
}

/** POST /api/series: a recurring post; its time zone is the rule's, else the user's. */
export async function createSeries(ctx: OrgContext, raw: unknown, userTimeZone = "UTC", now = new Date()) {
  // Automatic signatures, as every saved post gets them (lib/signatures/auto.ts).
  const input = await addAutoSignatures(ctx, parseOrThrow(seriesInputSchema, raw));
  return startSeries(ctx, seriesFrom(input.repeat, input, userTimeZone), "repeat", now);
}

const seriesFrom = (repeat: Repeat, input: { publishAt: Date; targets: TargetInput[] }, tz: string): NewSeries => ({
  publishAt: input.publishAt,
  targets: input.targets,
  rule: storedRule(repeat),
  timeZone: repeat.timeZone ?? tz,
});

async function loadOccurrence(ctx: OrgContext, postId: string) {
  const post = await ctx.db.post.findUnique({ where: { id: postId }, include: { series: true, targets: true } });
  if (!post) throw notFound("Post");
  if (!post.series || post.seriesDetached || !post.occurrenceAt)
    throw new AppError("This post is not part of a recurring series; edit or delete it as a single post", 409);
  return post as typeof post & { series: NonNullable<typeof post.series>; occurrenceAt: Date };
}

/**
 * Ends a series before an instant: later occurrences not yet sent are removed (their jobs
 * cancelled); sent ones stay, still linked to the series. Runs in the caller's transaction.
 */
async function endSeriesAt(tx: Tx, seriesId: string, at: Date): Promise<{ removed: number; kept: number }> {
  await tx.$queryRaw`SELECT id FROM post_series WHERE id = ${seriesId} FOR UPDATE`;
  const series = await tx.postSeries.findUnique({ where: { id: seriesId } });
  if (!series) throw notFound("Series");
  if (!series.endsBefore || series.endsBefore > at) await tx.postSeries.update({ where: { id: seriesId }, data: { endsBefore: at } });
  const later = await tx.post.findMany({
    where: { seriesId, seriesDetached: false, occurrenceAt: { gte: at } },
    include: { targets: true },
  });
  let removed = 0;
  for (const p of later) {
    if (p.targets.some((t) => SENT.includes(t.status))) continue;
    for (const t of p.targets) if (t.status === "scheduled") await cancelJob(tx, t);
    await recordPostEvent(tx, "post.deleted", p.id);
    await tx.post.delete({ where: { id: p.id } });
    removed++;
  }
  return { removed, kept: later.length - removed };
}

/** PUT /api/posts/:id/occurrence */
export async function editOccurrence(ctx: OrgContext, postId: string, raw: unknown, now = new Date()) {
  const input = await addAutoSignatures(ctx, parseOrThrow(occurrenceEditSchema, raw));
  const post = await loadOccurrence(ctx, postId);
  if (input.scope === "this") {
    await updatePost(ctx, postId, { mode: "schedule", publishAt: input.publishAt, targets: input.targets });
    return { postId, seriesId: null };
  }
  if (post.targets.some((t) => SENT.includes(t.status)))
    throw new AppError("This occurrence has already been sent; edit the next one to change the following posts", 409);
  const old = post.series;
  const oldRule = old.rule as StoredRule;
  let next: NewSeries;
  if (input.repeat) next = seriesFrom(input.repeat, input, old.timeZone);
  else {
    // The same rule from here on; a series of N posts keeps the ones it has left.
    const end =
      oldRule.end.kind === "count"
        ? { kind: "count" as const, count: Math.max(1, oldRule.end.count - countBefore(seriesRuleOf(old), post.occurrenceAt)) }
        : oldRule.end;
    next = { publishAt: input.publishAt, targets: input.targets, rule: { ...oldRule, end }, timeZone: old.timeZone };
  }
  const res = await startSeries(ctx, next, "repeat", now, async (tx) => void (await endSeriesAt(tx, old.id, post.occurrenceAt)));
  return { postId: res.postIds[0] ?? null, seriesId: res.seriesId };
}

/** DELETE /api/posts/:id/occurrence?scope=this|following */
export async function deleteOccurrence(ctx: OrgContext, postId: string, rawScope: unknown): Promise<{ removed: number; kept: number }> {
  const { scope } = parseOrThrow(occurrenceDeleteQuerySchema, rawScope) as { scope: EditScope };
  const post = await loadOccurrence(ctx, postId);
  if (scope === "this") {
    // The series' cursor is past this occurrence, so the horizon job never brings it back.
    await deletePost(ctx, postId);
    return { removed: 1, kept: 0 };
  }
  return ctx.db.$transaction((tx) => endSeriesAt(tx as Tx, post.series.id, post.occurrenceAt), { timeout: 60_000 });
}

/** DELETE /api/posts/:id/series: no more occurrences from now on; what was sent stays. */
export async function stopSeries(ctx: OrgContext, postId: string, now = new Date()): Promise<{ removed: number; kept: number }> {
  const post = await loadOccurrence(ctx, postId);
  return ctx.db.$transaction((tx) => endSeriesAt(tx as Tx, post.series.id, now), { timeout: 60_000 });
}
