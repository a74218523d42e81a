import type { Tx } from "@/lib/db/client";
import { cancelJob, enqueueTarget } from "@/lib/queue/boss";

// "Close gaps when a queued post is removed" (a switch on the channel's schedule, on by default):
// when a queued target leaves its slot (cancelled, deleted, moved by hand, or edited to another
// time), the channel's later queued targets move up one slot each: the first into the freed
// slot, each next one into the slot its predecessor held. Posts scheduled by hand (not queued)
// never move, and the set of slots in use stays a set of schedule slots.

export type LeftSlot = { integrationId: string; dueAt: Date | null; queued: boolean; status: string };

/** Runs in the transaction that removed the targets; they must already be out of their slots. */
export async function closeQueueGaps(tx: Tx, organizationId: string, left: LeftSlot[]): Promise<Date[]> {
  const moved: Date[] = [];
  const gaps = left
    .filter((t) => t.queued && t.status === "scheduled" && t.dueAt && t.dueAt.getTime() > Date.now())
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime());
  for (const gap of gaps) {
    const schedule = await tx.channelSchedule.findFirst({ where: { integrationId: gap.integrationId, organizationId } });
    if (!schedule?.closeGaps) continue;
    const later = await tx.postTarget.findMany({
      where: { organizationId, integrationId: gap.integrationId, queued: true, status: "scheduled", dueAt: { gt: gap.dueAt! } },
      orderBy: { dueAt: "asc" },
    });
    // Earliest first, so each one moves into a slot that was just vacated (the unique slot index holds throughout).
    let free = gap.dueAt!;
    for (const t of later) {
      const held = t.dueAt!;
      await cancelJob(tx, t);
      const jobId = await enqueueTarget(tx, { id: t.id, publishGroup: t.publishGroup, dueAt: free });
      await tx.postTarget.update({ where: { id: t.id }, data: { dueAt: free, jobId } });
      // The post's time follows when this target is all it has (a queued post is one channel's).
      const others = await tx.postTarget.count({ where: { postId: t.postId, id: { not: t.id } } });
      if (!others) await tx.post.update({ where: { id: t.postId }, data: { publishAt: free } });
      moved.push(free);
      free = held;
    }
  }
  return moved;
}
