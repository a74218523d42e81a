import { z } from "zod";
import { isValidTimeZone } from "@/lib/validation";

// The repeat settings of a recurring post, shared by the composer's Repeat control and the
// server. They map one to one onto an RFC 5545 RRULE (FREQ, INTERVAL, BYDAY, COUNT, UNTIL);
// occurrences.ts hands them to the rrule library.

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof WEEKDAYS)[number];
export const FREQUENCIES = ["daily", "weekly", "monthly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const MAX_INTERVAL = 365;
export const MAX_COUNT = 500;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (s: string) => {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && y <= 2100 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

export const repeatEndSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("never") }),
    z.object({
      kind: z.literal("count"),
      count: z
        .number({ message: "count must be a number" })
        .int("count must be a whole number")
        .min(1, "count must be at least 1")
        .max(MAX_COUNT, `count is at most ${MAX_COUNT}`),
    }),
    z.object({
      kind: z.literal("until"),
      until: z
        .string({ message: "until must be a date (YYYY-MM-DD)" })
        .regex(DAY, "until must be a date (YYYY-MM-DD)")
        .refine(realDay, "until must be a real date between 2000 and 2100"),
    }),
  ],
  { message: "end kind must be never, count or until" },
);

export const repeatSchema = z
  .object({
    freq: z.enum(FREQUENCIES, { message: "freq must be daily, weekly or monthly" }),
    interval: z
      .number({ message: "interval must be a number" })
      .int("interval must be a whole number")
      .min(1, "interval must be at least 1")
      .max(MAX_INTERVAL, `interval is at most ${MAX_INTERVAL}`)
      .default(1),
    weekdays: z
      .array(z.enum(WEEKDAYS, { message: "weekdays must be MO, TU, WE, TH, FR, SA or SU" }))
      .max(7, "at most 7 weekdays")
      .default([]),
    end: repeatEndSchema.default({ kind: "never" }),
    /** IANA zone the times repeat in; the user's own zone when left out. */
    timeZone: z
      .string({ message: "timeZone must be a time zone name" })
      .max(100, "timeZone is at most 100 characters")
      .refine(isValidTimeZone, "timeZone must be an IANA time zone such as Europe/Berlin")
      .optional(),
  })
  .superRefine((r, ctx) => {
    if (!Array.isArray(r.weekdays)) return;
    if (r.freq === "weekly" && r.weekdays.length === 0)
      ctx.addIssue({ code: "custom", path: ["weekdays"], message: "pick at least one weekday for a weekly repeat" });
    if (r.freq !== "weekly" && r.weekdays.length > 0)
      ctx.addIssue({ code: "custom", path: ["weekdays"], message: "weekdays apply to weekly repeats only" });
    if (new Set(r.weekdays).size !== r.weekdays.length)
      ctx.addIssue({ code: "custom", path: ["weekdays"], message: "each weekday can be picked once" });
  });

export type RepeatInput = z.input<typeof repeatSchema>;
export type Repeat = z.infer<typeof repeatSchema>;
/** What a series stores: the rule without its zone, which has its own column. */
export type StoredRule = Omit<Repeat, "timeZone">;

export function storedRule(r: Repeat): StoredRule {
  return { freq: r.freq, interval: r.interval, weekdays: [...r.weekdays], end: r.end };
}
