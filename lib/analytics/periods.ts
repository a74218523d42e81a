import { z } from "zod";
import { boundedDay } from "@/lib/validation";
import { addDays, dateToWallTime, startOfDay, todayIn, weekdayIndex } from "@/lib/time/zone";

// Periods are calendar days in the user's time zone, both ends included. Instants (published_at)
// are put in the day they fall on in that zone, so a day is 23 or 25 hours long across a DST
// change and nothing lands in the wrong day. Platform metrics are already per (UTC) day.

export type Period = { from: string; to: string };

export const MAX_PERIOD_DAYS = 731;

export function periodLength(p: Period): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The last `days` days, today included, in the zone. */
export function lastDays(days: number, tz: string, now = new Date()): Period {
  const to = todayIn(tz, now);
  return { from: addDays(to, -(days - 1)), to };
}

/** The period of the same length that ends the day before `p` starts. */
export function previousPeriod(p: Period): Period {
  const n = periodLength(p);
  return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
}

export function periodDays(p: Period): string[] {
  return Array.from({ length: periodLength(p) }, (_, i) => addDays(p.from, i));
}

/** The instants the period covers: from the first day's midnight to the midnight after the last, in the zone. */
export function periodInstants(p: Period, tz: string): { from: Date; to: Date } {
  return { from: startOfDay(p.from, tz), to: startOfDay(addDays(p.to, 1), tz) };
}

/** The calendar day an instant falls on in the zone. */
export const dayInZone = (at: Date, tz: string) => dateToWallTime(at, tz).slice(0, 10);

/** The Monday of the week a day belongs to. */
export const weekOf = (day: string) => addDays(day, -weekdayIndex(day));

/** Counts instants per day in the zone. */
export function bucketByDay(instants: Date[], tz: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const at of instants) {
    const d = dayInZone(at, tz);
    out.set(d, (out.get(d) ?? 0) + 1);
  }
  return out;
}

/** ?range=7|30|90 or ?from=&to= (YYYY-MM-DD), validated with the field named in each message. */
export const periodQuery = z
  .object({
    range: z.enum(["7", "30", "90", "custom"], { message: "range must be 7, 30, 90 or custom" }).optional(),
    from: boundedDay("from", "2026-11-01").optional(),
    to: boundedDay("to", "2026-11-30").optional(),
  })
  .superRefine((q, ctx) => {
    if (q.range !== "custom" && q.range !== undefined) return;
    if (!q.from && !q.to && q.range === undefined) return;
    if (!q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "from is required for a custom range" });
    if (!q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "to is required for a custom range" });
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
    if (q.from && q.to && q.to >= q.from && periodLength({ from: q.from, to: q.to }) > MAX_PERIOD_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `a range is at most ${MAX_PERIOD_DAYS} days` });
    }
  });

export function periodFrom(q: z.infer<typeof periodQuery>, tz: string, now = new Date()): Period {
  if (q.from && q.to && (q.range === "custom" || q.range === undefined)) return { from: q.from, to: q.to };
  return lastDays(Number(q.range ?? "30"), tz, now);
}
