import { AppError, notFound, ValidationError } from "@/lib/errors";
import type { Tx } from "@/lib/db/client";
import type { OrgContext } from "@/lib/orgs/context";
import { scheduleChanged } from "@/lib/queue/publish-wake";
import { dateToWallTime, wallTimeToDate } from "@/lib/time/zone";
import { parseOrThrow } from "@/lib/validation";
import { bulkActionSchema } from "./bulk.schema";
import { assertDeletable, deletePostTx, movableTargets, movePostTx, retryTarget } from "./operations";

// One action on several posts of the list view. Reschedule and delete check every post first and
// then change all of them in one transaction: either all move (or go) or none does, with the
// reason. Retry sends each failed channel again on its own (each retry is its own small
// transaction, and one channel that cannot be retried does not hold back the others).

export type BulkResult = { action: string; posts: number; changed: number; skipped: string[] };

// A reschedule must land at least this far ahead (as a single reschedule allows).
const PAST_SLACK_MS = 30_000;

export async function bulkAction(ctx: OrgContext, raw: unknown, now = new Date()): Promise<BulkResult> {
  const input = parseOrThrow(bulkActionSchema, raw);
  const ids = [...new Set(input.ids)];
  const posts = await ctx.db.post.findMany({ where: { id: { in: ids } }, include: { targets: true } });
  // Another organization's post (or one deleted meanwhile) is "not found", as it is one at a time.
  if (posts.length < ids.length) throw notFound(`Post ${ids.find((id) => !posts.some((p) => p.id === id))}`);

  if (input.action === "reschedule") {
    const moves = posts.map((p) => {
      const movable = movableTargets(p);
      let at: Date;
      if (input.shiftMinutes !== undefined) {
        if (!p.publishAt) throw new ValidationError({ ids: `a post without a time cannot be shifted (${p.id}); pick a date instead` });
        at = new Date(p.publishAt.getTime() + input.shiftMinutes * 60_000);
      } else {
        const time = p.publishAt ? dateToWallTime(p.publishAt, input.timeZone!).slice(11, 16) : "09:00";
        at = wallTimeToDate(`${input.date}T${time}`, input.timeZone!);
      }
      if (at.getTime() < now.getTime() - PAST_SLACK_MS)
        throw new ValidationError({
          [input.shiftMinutes !== undefined ? "shiftMinutes" : "date"]: `would move a post into the past (${at.toISOString()})`,
        });
      return { post: p, movable, at };
    });
    await ctx.db.$transaction(async (tx) => {
      for (const m of moves) await movePostTx(tx as Tx, ctx, m.post, m.movable, m.at);
    });
    for (const m of moves) scheduleChanged(m.at);
    return { action: input.action, posts: posts.length, changed: moves.length, skipped: [] };
  }

  if (input.action === "delete") {
    for (const p of posts) assertDeletable(p);
    await ctx.db.$transaction(async (tx) => {
      for (const p of posts) await deletePostTx(tx as Tx, ctx, p);
    });
    return { action: input.action, posts: posts.length, changed: posts.length, skipped: [] };
  }

  const failed = posts.flatMap((p) => p.targets.filter((t) => t.status === "failed" || t.status === "unconfirmed"));
  if (failed.length === 0) throw new AppError("None of these posts has a failed channel to retry", 409);
  const skipped: string[] = [];
  let changed = 0;
  for (const t of failed) {
    try {
      await retryTarget(ctx, t.id);
      changed++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      skipped.push(e.message);
    }
  }
  return { action: input.action, posts: posts.length, changed, skipped };
}
