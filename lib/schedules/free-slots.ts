import { sql } from "@/lib/db/pool";
import type { OrgContext } from "@/lib/orgs/context";
import { listSchedules, type ChannelSchedule } from "./store";
import { firstFreeSlots, slotKey, slotsBetween } from "./slots";

// Which schedule slots are free. A slot of a channel is taken when a target of that channel that
// is scheduled or publishing is due at that minute, whatever put it there (the queue, the
// composer's Schedule, the API); published, failed, cancelled and draft targets take no slot.

/** How far ahead a queue looks for a free slot. */
export const QUEUE_HORIZON_DAYS = 366;

/** The minutes (slotKey) taken per channel in [from, to), read in one query. */
export async function takenMinutes(organizationId: string, channelIds: string[], from: Date, to: Date): Promise<Map<string, Set<number>>> {
  const out = new Map(channelIds.map((id) => [id, new Set<number>()]));
  if (!channelIds.length) return out;
  const { rows } = await sql<{ channel_id: string; due_at: Date }>(
    `SELECT integration_id AS channel_id, due_at FROM post_targets
     WHERE organization_id = $1 AND integration_id = ANY($2::text[]) AND status IN ('scheduled', 'publishing')
       AND due_at >= $3 AND due_at < $4`,
    [organizationId, channelIds, from, to],
  );
  for (const r of rows) out.get(r.channel_id)?.add(slotKey(r.due_at));
  return out;
}

/** A schedule that can take queued posts: not paused and with at least one slot. */
export const isOpen = (s: ChannelSchedule | undefined): s is ChannelSchedule => !!s && !s.paused && s.slots.length > 0;

/**
 * The next free slots of each channel strictly after `after` (default now), `count` per channel
 * (default 1), in time order. A channel that is paused, has no slots, is full for a year or is
 * not the organization's gets an empty list. Read-only: to take a slot without racing another
 * request use addToQueue (lib/schedules/add-to-queue.ts), which locks the channel's queue.
 */
export async function nextFreeSlots(
  ctx: Pick<OrgContext, "organizationId" | "db">,
  channelIds: string[],
  after: Date = new Date(),
  opts: { count?: number } = {},
): Promise<Record<string, Date[]>> {
  const schedules = new Map((await listSchedules(ctx as OrgContext, channelIds)).map((s) => [s.channelId, s]));
  const horizon = new Date(after.getTime() + QUEUE_HORIZON_DAYS * 86_400_000);
  const taken = await takenMinutes(ctx.organizationId, [...schedules.keys()], after, horizon);
  const out: Record<string, Date[]> = {};
  for (const id of channelIds) {
    const s = schedules.get(id);
    const t = taken.get(id);
    out[id] = isOpen(s) && t ? firstFreeSlots(s.slots, s.timeZone, after, (at) => t.has(slotKey(at)), opts.count ?? 1) : [];
  }
  return out;
}

export type FreeSlot = { channelId: string; at: string };

/** Every free slot in [from, to) of the open schedules (all channels, or those named), for the calendar. */
export async function freeSlotsBetween(
  ctx: Pick<OrgContext, "organizationId" | "db">,
  range: { from: Date; to: Date; channelIds?: string[] },
): Promise<FreeSlot[]> {
  const schedules = (await listSchedules(ctx as OrgContext, range.channelIds)).filter(isOpen);
  const now = new Date();
  const from = range.from < now ? now : range.from;
  const taken = await takenMinutes(
    ctx.organizationId,
    schedules.map((s) => s.channelId),
    from,
    range.to,
  );
  return schedules
    .flatMap((s) =>
      slotsBetween(s.slots, s.timeZone, from, range.to)
        .filter((at) => !taken.get(s.channelId)?.has(slotKey(at)))
        .map((at) => ({ channelId: s.channelId, at: at.toISOString() })),
    )
    .sort((a, b) => a.at.localeCompare(b.at) || a.channelId.localeCompare(b.channelId));
}
