import { notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { findFreeSlots, freeSlotsSchema, type FreeSlot } from "@/lib/posts/free-slots";
import { freeSlotsBetween, isOpen } from "@/lib/schedules/free-slots";
import { listSchedules } from "@/lib/schedules/store";
import { dateToWallTime } from "@/lib/time/zone";
import { parseOrThrow } from "@/lib/validation";

// find_free_slots: a channel with a posting schedule (open: not paused, with slots) is offered
// its schedule's free slots, the times "add to queue" would use; the others keep the calendar
// gaps (working-hour steps where none of them has a post). Each channel says which it got.

export type ChannelSlots = { channelId: string; source: "schedule" | "calendar"; slots: FreeSlot[] };
export type ToolFreeSlots = {
  timeZone: string;
  channels: ChannelSlots[];
  /** The calendar gaps common to the channels without a schedule (empty when every channel has one). */
  slots: FreeSlot[];
};

export async function freeSlotsForTool(ctx: OrgContext, raw: unknown, timeZone: string, now = new Date()): Promise<ToolFreeSlots> {
  const q = parseOrThrow(freeSlotsSchema, raw);
  const ids = [...new Set(q.channelIds)];
  const found = await ctx.db.integration.findMany({ where: { id: { in: ids } }, select: { id: true } });
  if (found.length !== ids.length) throw notFound("Channel");
  const open = new Set((await listSchedules(ctx, ids)).filter(isOpen).map((s) => s.channelId));
  const scheduled = ids.filter((id) => open.has(id));
  const calendarIds = ids.filter((id) => !open.has(id));

  const fromSchedules = scheduled.length ? await freeSlotsBetween(ctx, { from: q.from, to: q.to, channelIds: scheduled }) : [];
  const calendar = calendarIds.length ? (await findFreeSlots(ctx, { ...q, channelIds: calendarIds }, timeZone, now)).slots : [];
  const channels = ids.map((channelId): ChannelSlots => {
    if (!open.has(channelId)) return { channelId, source: "calendar", slots: calendar };
    const slots = fromSchedules
      .filter((s) => s.channelId === channelId && new Date(s.at) >= now)
      .slice(0, q.limit)
      .map((s) => ({ at: s.at, local: dateToWallTime(new Date(s.at), timeZone) }));
    return { channelId, source: "schedule", slots };
  });
  return { timeZone, channels, slots: calendar };
}
