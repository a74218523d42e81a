import { z } from "zod";

/** PUT /api/posts/[id]/evergreen: put a post in the organization's evergreen pool, or change its gap. */
export const evergreenInputSchema = z.object({
  minGapDays: z
    .number({ message: "minGapDays must be a number of days" })
    .int("minGapDays must be a whole number of days")
    .min(1, "minGapDays must be at least 1 day")
    .max(365, "minGapDays is at most 365 days")
    .default(30),
});
