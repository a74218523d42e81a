import type { Tx } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { prepareTargets } from "@/lib/posts/prepare";
import { scheduleChanged } from "@/lib/queue/publish-wake";
import { parseOrThrow } from "@/lib/validation";
import { isOpen } from "./free-slots";
import { lockQueues, placeInQueue, type Placed } from "./place";
import { queueInputSchema } from "./schemas";
import { listSchedules } from "./store";
import { addAutoSignatures } from "@/lib/signatures/auto";

// "Add to queue": the post goes into the next free slot of each picked channel, each channel at
// its own time. Because a post has one time (publishAt, what the calendar shows), each channel
// gets its own one-channel post; its target is marked queued so closing a gap may move it.
// Channels whose queue is paused, or that have no slots, are skipped and said so; if every
// picked channel is skipped nothing is saved and the refusal names each channel.

/** Slots closer than this are not offered: the post must be saved and enqueued before it is due. */
const LEAD_MS = 60_000;

export type QueueResult = { posts: { postId: string; channelId: string; at: string }[]; skipped: { channelId: string; reason: string }[] };

export async function addToQueue(ctx: OrgContext, raw: unknown, now = new Date()): Promise<QueueResult> {
  // Automatic signatures, as every saved post gets them (lib/signatures/auto.ts).
  const input = await addAutoSignatures(ctx, parseOrThrow(queueInputSchema, raw));
  const ids = input.targets.map((t) => t.channelId);
  const [schedules, channels] = await Promise.all([
    listSchedules(ctx, ids),
    ctx.db.integration.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  ]);
  const byChannel = new Map(schedules.map((s) => [s.channelId, s]));
  const names = new Map(channels.map((c) => [c.id, c.name]));
  const skipped: QueueResult["skipped"] = [];
  const refusals: Record<string, string> = {};
  const open: number[] = [];
  input.targets.forEach((t, i) => {
    const s = byChannel.get(t.channelId);
    const name = names.get(t.channelId);
    if (!name) refusals[`targets.${i}.channelId`] = "this channel does not exist in your organization";
    else if (s?.paused) skipped.push({ channelId: t.channelId, reason: `${name}: its queue is paused; resume it on the Schedules page` });
    else if (!isOpen(s))
      skipped.push({ channelId: t.channelId, reason: `${name}: it has no posting slots; add some on the Schedules page` });
    else open.push(i);
  });
  if (Object.keys(refusals).length) throw new ValidationError(refusals);
  if (!open.length) {
    throw new ValidationError(
      Object.fromEntries(input.targets.map((t, i) => [`targets.${i}.channelId`, skipped.find((s) => s.channelId === t.channelId)!.reason])),
    );
  }
  // The content is checked exactly as Schedule checks it; errors keep the indexes the caller sent.
  let prepared;
  try {
    prepared = await prepareTargets(ctx, { mode: "schedule", publishAt: undefined, targets: open.map((i) => input.targets[i]!) }, now);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError(
      Object.fromEntries(
        Object.entries(e.fields).map(([k, v]) => [k.replace(/^targets\.(\d+)/, (_, j) => `targets.${open[Number(j)]}`), v]),
      ),
    );
  }
  const after = new Date(now.getTime() + LEAD_MS);
  const placed: Placed[] = [];
  await ctx.db.$transaction(async (tx) => {
    await lockQueues(
      tx as Tx,
      prepared.map((p) => p.channelId),
    );
    for (const target of prepared) {
      const spot = await placeInQueue(tx as Tx, {
        organizationId: ctx.organizationId,
        userId: ctx.userId,
        target,
        schedule: byChannel.get(target.channelId)!,
        after,
      });
      if (spot) placed.push(spot);
      else skipped.push({ channelId: target.channelId, reason: `${names.get(target.channelId)}: every slot of the next year is taken` });
    }
    if (!placed.length) {
      throw new ValidationError(
        Object.fromEntries(
          open.map((i) => [`targets.${i}.channelId`, `${names.get(input.targets[i]!.channelId)}: every slot of the next year is taken`]),
        ),
      );
    }
  });
  for (const p of placed) scheduleChanged(p.at);
  return { posts: placed.map((p) => ({ postId: p.postId, channelId: p.channelId, at: p.at.toISOString() })), skipped };
}
