"use client";
import type { Channel } from "@/components/channels/types";
import { channelLabel } from "@/lib/channels/label";
import type { FreeSlot } from "@/lib/schedules/free-slots";
import { formatInZone, wallTimeToDate } from "@/lib/time/zone";

// An empty slot's way into the composer: the whole cell is a link to /compose?at=<that time>
// (drawn beneath the cell's posts, so they keep their own clicks and drags). Where a channel
// has a posting schedule, the cell also offers that channel's next free queue slot from here on.

export function NewPostSlot({ at, timeZone, label }: { at: Date; timeZone: string; label: string }) {
  const when = formatInZone(at, timeZone, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return (
    <a
      href={`/compose?at=${encodeURIComponent(at.toISOString())}`}
      data-testid="new-post-slot"
      data-at={at.toISOString()}
      aria-label={`New post on ${when}`}
      className="absolute inset-0 flex items-end justify-end p-0.5 text-xs text-transparent hover:bg-brand-50/60 hover:text-brand-700 focus-visible:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <span aria-hidden="true">+ {label}</span>
    </a>
  );
}

export function NextQueueSlot({ slot, byId, timeZone }: { slot?: FreeSlot; byId: Map<string, Channel>; timeZone: string }) {
  if (!slot) return null;
  const c = byId.get(slot.channelId);
  const when = formatInZone(slot.at, timeZone, { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (
    <a
      href={`/compose?at=${encodeURIComponent(slot.at)}&channel=${encodeURIComponent(slot.channelId)}`}
      data-testid="next-queue-slot"
      className="relative hidden truncate rounded bg-white/90 px-1 text-[10px] text-brand-700 underline group-hover:block group-focus-within:block"
    >
      Next queue slot {when}
      <span className="sr-only"> for {c ? channelLabel(c) : "a channel"}</span>
    </a>
  );
}

/** The first free slot at or after `from`, of any channel shown. */
export function nextSlotFrom(slots: FreeSlot[], from: Date): FreeSlot | undefined {
  const t = from.getTime();
  let best: FreeSlot | undefined;
  for (const s of slots) if (Date.parse(s.at) >= t && (!best || Date.parse(s.at) < Date.parse(best.at))) best = s;
  return best;
}

export const slotTime = (day: string, hour: number, timeZone: string) =>
  wallTimeToDate(`${day}T${String(hour).padStart(2, "0")}:00`, timeZone);
