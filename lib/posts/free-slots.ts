import { z } from "zod";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { addDays, dateToWallTime, wallTimeToDate, weekdayIndex } from "@/lib/time/zone";
import { boundedDate, idText, parseOrThrow } from "@/lib/validation";

// Free times in the calendar: steps through the range (hourly by default) within working hours
// in the user's time zone, and keeps the times where none of the given channels has a post due
// within the step. A post counts when it will or may still go out (scheduled, publishing) or
// went out (published): a draft or a cancelled post holds no time.

const DAY = 86_400_000;
const hour = (label: string) =>
  z.number().int(`${label} must be a whole hour`).min(0, `${label} is 0 to 24`).max(24, `${label} is 0 to 24`);

export const freeSlotsSchema = z
  .object({
    channelIds: z.array(idText("pick a channel")).min(1, "pick at least one channel").max(50, "at most 50 channels"),
    from: boundedDate("from"),
    to: boundedDate("to"),
    stepMinutes: z
      .number()
      .int("stepMinutes must be whole minutes")
      .min(15, "stepMinutes is at least 15")
      .max(1440, "stepMinutes is at most 1440")
      .default(60),
    workStartHour: hour("workStartHour").default(9),
    workEndHour: hour("workEndHour").default(18),
    weekdaysOnly: z.boolean().default(true),
    limit: z.number().int("limit must be a whole number").min(1, "limit is at least 1").max(200, "limit is at most 200").default(20),
  })
  .superRefine((q, ctx) => {
    if (q.from instanceof Date && q.to instanceof Date) {
      if (q.to <= q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
      else if (q.to.getTime() - q.from.getTime() > 62 * DAY)
        ctx.addIssue({ code: "custom", path: ["to"], message: "a range is at most 62 days" });
    }
    if (q.workEndHour <= q.workStartHour)
      ctx.addIssue({ code: "custom", path: ["workEndHour"], message: "workEndHour must be after workStartHour" });
  });
export type FreeSlotsInput = z.input<typeof freeSlotsSchema>;

export type FreeSlot = { at: string; local: string };

const TAKEN = ["scheduled", "publishing", "published", "unconfirmed"] as const;

export async function findFreeSlots(
  ctx: OrgContext,
  raw: unknown,
  timeZone: string,
  now = new Date(),
): Promise<{ timeZone: string; slots: FreeSlot[] }> {
  const q = parseOrThrow(freeSlotsSchema, raw);
  const channels = await ctx.db.integration.findMany({ where: { id: { in: q.channelIds } }, select: { id: true } });
  if (channels.length !== new Set(q.channelIds).size) throw notFound("Channel");
  const start = new Date(Math.max(q.from.getTime(), now.getTime()));
  const step = q.stepMinutes * 60_000;
  const busy = await ctx.db.postTarget.findMany({
    where: { integrationId: { in: q.channelIds }, status: { in: [...TAKEN] }, dueAt: { gte: new Date(start.getTime() - step), lt: q.to } },
    select: { dueAt: true },
  });
  const taken = busy.map((b) => b.dueAt!.getTime()).sort((a, b) => a - b);
  const slots: FreeSlot[] = [];
  // Candidates are whole steps of wall-clock time from each working day's start, so "hourly" means on the hour.
  for (let day = dateToWallTime(start, timeZone).slice(0, 10); slots.length < q.limit; day = addDays(day, 1)) {
    const dayStart = wallTimeToDate(`${day}T00:00`, timeZone);
    if (dayStart.getTime() >= q.to.getTime()) break;
    if (q.weekdaysOnly && weekdayIndex(day) >= 5) continue;
    for (let m = q.workStartHour * 60; m + q.stepMinutes <= q.workEndHour * 60 && slots.length < q.limit; m += q.stepMinutes) {
      const at = wallTimeToDate(`${day}T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`, timeZone);
      if (at < start || at >= q.to) continue;
      const t = at.getTime();
      if (taken.some((d) => d >= t && d < t + step)) continue;
      slots.push({ at: at.toISOString(), local: dateToWallTime(at, timeZone) });
    }
  }
  return { timeZone, slots };
}
