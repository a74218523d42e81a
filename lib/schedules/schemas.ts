import { z } from "zod";
import { boundedDate, idText, isValidTimeZone, safeText } from "@/lib/validation";
import { targetSchema } from "@/lib/posts/schemas";

// Inputs of posting schedules and the queue, shared by the Schedules page, the composer and the API.

export const slotSchema = z.object({
  weekday: z
    .number({ message: "weekday must be a number from 0 (Monday) to 6 (Sunday)" })
    .int("weekday must be a whole number from 0 (Monday) to 6 (Sunday)")
    .min(0, "weekday must be from 0 (Monday) to 6 (Sunday)")
    .max(6, "weekday must be from 0 (Monday) to 6 (Sunday)"),
  time: z
    .string({ message: "time must be a time like 09:30" })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time must be a 24-hour time like 09:30 (HH:MM)"),
});

export const timeZoneSchema = z
  .string({ message: "timeZone must be an IANA time zone such as Europe/Paris" })
  .max(100, "timeZone is at most 100 characters")
  .refine(isValidTimeZone, "timeZone must be an IANA time zone such as Europe/Paris");

/** PUT /api/schedules: one schedule applied to one or several channels at once. */
export const scheduleInputSchema = z.object({
  channelIds: z.array(idText("pick a channel")).min(1, "pick at least one channel").max(100, "at most 100 channels at once"),
  timeZone: timeZoneSchema,
  slots: z.array(slotSchema).max(200, "at most 200 slots a week"),
  paused: z.boolean({ message: "paused must be true or false" }).default(false),
  closeGaps: z.boolean({ message: "closeGaps must be true or false" }).default(true),
});
export type ScheduleInput = z.infer<typeof scheduleInputSchema>;

/** POST /api/queue: a post without a time; each channel gets its own next free slot. */
export const queueInputSchema = z.object({
  targets: z.array(targetSchema).min(1, "pick at least one channel").max(100, "at most 100 channels"),
});

/** GET /api/schedules/slots?from=&to=[&channels=id,id]: the free slots in a range, for the calendar. */
export const freeSlotsQuerySchema = z
  .object({
    from: boundedDate("from"),
    to: boundedDate("to"),
    channels: safeText().max(10_000, "channels is at most 10000 characters").optional(),
  })
  .superRefine((r, ctx) => {
    if (!(r.from instanceof Date) || !(r.to instanceof Date)) return;
    if (r.to <= r.from) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    else if (r.to.getTime() - r.from.getTime() > 62 * 86_400_000)
      ctx.addIssue({ code: "custom", path: ["to"], message: "a slot range is at most 62 days" });
  });
