import { addDays, dateToWallTime, wallTimeToDate, weekdayIndex } from "@/lib/time/zone";

// The instants a weekly schedule's slots fall on, computed in the schedule's own zone with Intl's
// rules (lib/time/zone.ts), so a 09:00 slot is 09:00 local on both sides of a DST change.
//
// DST, declared:
// - Spring forward: a slot whose wall time does not exist that day (02:30 in New York or Berlin on
//   the day the clocks jump from 02:00 to 03:00) moves forward with the clocks, to 03:30 local
//   (the same instant 02:30 standard time denotes). Should another slot of that day already be at
//   03:30, the two are one slot that day: no instant is ever listed twice.
// - Fall back: a wall time that happens twice (01:30 when the clocks go back) is its first
//   occurrence only, so the slot is used once, not twice.
// Pure functions: no database, so they are unit-tested across zones and both DST directions.

export type Slot = { weekday: number; time: string };

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** "HH:MM" to minutes after midnight. */
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Slots in weekly order (Monday first, then by time), without repeats. */
export function normalizeSlots(slots: Slot[]): Slot[] {
  const seen = new Set<string>();
  return [...slots]
    .sort((a, b) => a.weekday - b.weekday || minutesOf(a.time) - minutesOf(b.time))
    .filter((s) => !seen.has(`${s.weekday} ${s.time}`) && seen.add(`${s.weekday} ${s.time}`));
}

/** The slot instants of one calendar day ("2026-03-08") in the zone, in time order, each once. */
export function slotsOnDay(slots: Slot[], date: string, timeZone: string): Date[] {
  const wd = weekdayIndex(date);
  const times = slots.filter((s) => s.weekday === wd).map((s) => wallTimeToDate(`${date}T${s.time}`, timeZone).getTime());
  return [...new Set(times)].sort((a, b) => a - b).map((t) => new Date(t));
}

/**
 * Every slot instant in [from, to), in time order. Walks the zone's calendar days that overlap the
 * range (a day either side covers zones far from UTC), so it wraps from Sunday to Monday naturally.
 */
export function slotsBetween(slots: Slot[], timeZone: string, from: Date, to: Date): Date[] {
  if (!slots.length || to <= from) return [];
  const out: Date[] = [];
  const last = dateToWallTime(to, timeZone).slice(0, 10);
  for (let day = addDays(dateToWallTime(from, timeZone).slice(0, 10), -1); day <= addDays(last, 1); day = addDays(day, 1)) {
    for (const t of slotsOnDay(slots, day, timeZone)) if (t >= from && t < to) out.push(t);
  }
  return out;
}

/**
 * The first `count` slot instants strictly after `after` that `isTaken` does not claim, looking at
 * most `horizonDays` ahead (a schedule that is full that far gives fewer, possibly none).
 */
export function firstFreeSlots(
  slots: Slot[],
  timeZone: string,
  after: Date,
  isTaken: (at: Date) => boolean,
  count = 1,
  horizonDays = 366,
): Date[] {
  const out: Date[] = [];
  if (!slots.length || count < 1) return out;
  const start = new Date(after.getTime() + 1);
  for (let week = 0; week * 7 < horizonDays && out.length < count; week++) {
    const from = new Date(start.getTime() + week * 7 * 86_400_000);
    const to = new Date(Math.min(from.getTime() + 7 * 86_400_000, start.getTime() + horizonDays * 86_400_000));
    for (const t of slotsBetween(slots, timeZone, from, to)) {
      if (!isTaken(t)) out.push(t);
      if (out.length >= count) break;
    }
  }
  return out;
}

/** The key two instants share when they are the same slot (the same minute). */
export const slotKey = (d: Date) => Math.floor(d.getTime() / 60_000);
