import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PreparedTarget } from "@/lib/posts/prepare";
import { enqueueTarget } from "@/lib/queue/boss";
import type { ChannelSchedule } from "./store";
import { firstFreeSlots, slotKey } from "./slots";
import { QUEUE_HORIZON_DAYS } from "./free-slots";
import { recordPostEvent } from "@/lib/posts/webhook-events";

// Taking a slot: inside the caller's transaction, lock the channel's queue (a transaction-level
// advisory lock, so two "Add to queue" requests for one channel run one after the other and the
// second sees the first's post), read what is taken, and write a one-channel post at the first
// free slot. The partial unique index post_targets_queue_slot_key backs the lock up.

/** Locks the queues of these channels until the transaction ends, in one order so two calls never deadlock. */
export async function lockQueues(tx: Tx, channelIds: string[]): Promise<void> {
  for (const id of [...new Set(channelIds)].sort())
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`postmill.queue:${id}`}, 0))`;
}

export type Placed = { postId: string; targetId: string; channelId: string; at: Date };

export async function placeInQueue(
  tx: Tx,
  args: {
    organizationId: string;
    userId: string | null;
    target: PreparedTarget;
    schedule: ChannelSchedule;
    /** Slots strictly after this instant. */
    after: Date;
    /** Only slots before this instant (evergreen fills a short window); default the queue's horizon. */
    before?: Date;
    evergreenOf?: string;
  },
): Promise<Placed | null> {
  const { target, schedule, after } = args;
  const before = args.before ?? new Date(after.getTime() + QUEUE_HORIZON_DAYS * 86_400_000);
  const rows = await tx.$queryRaw<{ due_at: Date }[]>`
    SELECT due_at FROM post_targets
    WHERE organization_id = ${args.organizationId} AND integration_id = ${target.channelId}
      AND status IN ('scheduled', 'publishing') AND due_at > ${after} AND due_at < ${before}`;
  const taken = new Set(rows.map((r) => slotKey(r.due_at)));
  const horizonDays = Math.ceil((before.getTime() - after.getTime()) / 86_400_000);
  const [at] = firstFreeSlots(schedule.slots, schedule.timeZone, after, (t) => taken.has(slotKey(t)), 1, horizonDays);
  if (!at || at >= before) return null;
  const post = await tx.post.create({
    data: { organizationId: args.organizationId, createdById: args.userId, publishAt: at, evergreenOf: args.evergreenOf ?? null },
  });
  const row = await tx.postTarget.create({
    data: {
      organizationId: args.organizationId,
      postId: post.id,
      integrationId: target.channelId,
      items: target.items as unknown as Prisma.InputJsonValue,
      settings: target.settings as Prisma.InputJsonValue,
      provider: target.provider,
      publishGroup: target.publishGroup,
      status: "scheduled",
      dueAt: at,
      queued: true,
    },
  });
  const jobId = await enqueueTarget(tx, { id: row.id, publishGroup: target.publishGroup, dueAt: at });
  if (jobId) await tx.postTarget.update({ where: { id: row.id }, data: { jobId } });
  await recordPostEvent(tx, "post.created", post.id);
  return { postId: post.id, targetId: row.id, channelId: target.channelId, at };
}
