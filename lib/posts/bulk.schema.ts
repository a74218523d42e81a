import { z } from "zod";
import { idText, isValidTimeZone } from "@/lib/validation";

// POST /api/posts/bulk: one action on several posts picked in the list view. Shared by the route
// and the list's form, so both say the same about bad input.

const ids = z
  .array(idText(), { message: "ids must be a list of post ids" })
  .min(1, "ids: pick at least one post")
  .max(200, "ids: at most 200 posts at once");

export const bulkActionSchema = z.discriminatedUnion(
  "action",
  [
    z
      .object({
        action: z.literal("reschedule"),
        ids,
        /** Moves each post by this many minutes (negative: earlier). */
        shiftMinutes: z
          .number({ message: "shiftMinutes must be a number of minutes" })
          .int("shiftMinutes must be whole minutes")
          .min(-525_600, "shiftMinutes is at most a year back")
          .max(525_600, "shiftMinutes is at most a year ahead")
          .refine((n) => n !== 0, "shiftMinutes must not be 0")
          .optional(),
        /** Or moves each post to this day, keeping its time of day in `timeZone`. */
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD")
          .optional(),
        timeZone: z.string().max(100).refine(isValidTimeZone, "timeZone must be an IANA time zone").optional(),
      })
      .superRefine((v, ctx) => {
        if ((v.shiftMinutes === undefined) === (v.date === undefined))
          ctx.addIssue({ code: "custom", path: ["shiftMinutes"], message: "give either shiftMinutes or date" });
        if (v.date !== undefined && !v.timeZone)
          ctx.addIssue({ code: "custom", path: ["timeZone"], message: "timeZone is required with date" });
      }),
    z.object({ action: z.literal("delete"), ids }),
    z.object({ action: z.literal("retry"), ids }),
  ],
  { message: "action must be one of reschedule, delete, retry" },
);
export type BulkAction = z.infer<typeof bulkActionSchema>;
