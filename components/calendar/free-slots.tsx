"use client";
import { useEffect, useMemo, useState } from "react";
import type { Channel } from "@/components/channels/types";
import { channelLabel } from "@/lib/channels/label";
import { api } from "@/lib/client/api";
import type { FreeSlot } from "@/lib/schedules/free-slots";
import { dateToWallTime } from "@/lib/time/zone";

// Empty queue slots on the day and week views: each channel's free schedule slot in its hour
// cell, a link that opens the composer at that time with that channel picked. Read from
// /api/schedules/slots, again whenever the posts change (a post placed or moved takes a slot).

export function useFreeSlots(range: { from: Date; to: Date }, channel: string, enabled: boolean, version: unknown) {
  const [slots, setSlots] = useState<FreeSlot[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const q = new URLSearchParams({
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      ...(channel ? { channels: channel } : {}),
    });
    api<{ slots: FreeSlot[] }>(`/api/schedules/slots?${q}`).then(
      (r) => live && setSlots(r.slots),
      () => live && setSlots([]),
    );
    return () => {
      live = false;
    };
  }, [range, channel, enabled, version]);
  return slots;
}

/** Free slots keyed by their local hour cell ("2026-12-07 09:00"). */
export function useSlotCells(slots: FreeSlot[], timeZone: string) {
  return useMemo(() => {
    const cells = new Map<string, (FreeSlot & { time: string })[]>();
    for (const s of slots) {
      const wall = dateToWallTime(new Date(s.at), timeZone);
      const key = `${wall.slice(0, 10)} ${wall.slice(11, 13)}:00`;
      cells.set(key, [...(cells.get(key) ?? []), { ...s, time: wall.slice(11, 16) }]);
    }
    return cells;
  }, [slots, timeZone]);
}

export function FreeSlotLinks({ slots, byId }: { slots?: (FreeSlot & { time: string })[]; byId: Map<string, Channel> }) {
  if (!slots?.length) return null;
  return (
    <>
      {slots.map((s) => {
        const c = byId.get(s.channelId);
        const name = c ? channelLabel(c) : "a channel";
        return (
          <a
            key={`${s.channelId}-${s.at}`}
            href={`/compose?at=${encodeURIComponent(s.at)}&channel=${encodeURIComponent(s.channelId)}`}
            data-testid="free-slot"
            data-slot-at={s.at}
            className="mb-0.5 block truncate rounded border border-dashed border-slate-300 px-1 py-0.5 text-xs text-slate-500 hover:border-brand-500 hover:text-brand-700"
            title={`Free slot at ${s.time} for ${name}: write a post for it`}
          >
            {s.time} free<span className="sr-only"> slot for {name}</span>
            <span aria-hidden="true"> · {c?.name ?? ""}</span>
          </a>
        );
      })}
    </>
  );
}
