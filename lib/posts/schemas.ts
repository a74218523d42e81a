import { z } from "zod";
import { ALT_TEXT_CEILING, altTextLength } from "@/lib/media/alt-text";
import { boundedDate, idText, safeText, safeUrl } from "@/lib/validation";

// One input schema for a post, shared by the composer and the API. A post is a list of targets,
// one per channel, each with its own items (the main post, then thread replies or comments).

export const mediaRefSchema = z
  .object({
    /** An uploaded file from the media library. */
    mediaId: idText("pick an uploaded file").optional(),
    /** Or a public http(s) address the worker fetches at publish time. */
    url: safeUrl().optional(),
    // Each channel's own limit is checked with its rules (variant-rules.ts); this is the longest any takes.
    alt: safeText()
      .refine((s) => altTextLength(s) <= ALT_TEXT_CEILING, `alt text is at most ${ALT_TEXT_CEILING} characters on any platform`)
      .optional(),
  })
  .refine((m) => !!m.mediaId !== !!m.url, { message: "give either an uploaded file or a URL" });

export const pollSchema = z.object({
  question: safeText().max(300, "a poll question is at most 300 characters").optional(),
  options: z.array(safeText().max(300, "a poll option is at most 300 characters")).max(20, "at most 20 options"),
  durationMinutes: z.number().int("must be whole minutes").positive("must be positive").max(525_600, "is at most a year (525600 minutes)"),
});

/**
 * The link of an item shown as a card where the platform shows cards (manifest linkCard): one of
 * the item's own links. null (or absent) is no card; the composer sends null when the user
 * removed it, so an edit does not bring it back.
 */
export const linkCardSchema = z.object({ url: safeUrl() });

export const itemSchema = z.object({
  text: safeText().max(100_000, "is longer than any platform accepts"),
  media: z.array(mediaRefSchema).max(20, "at most 20 attachments").default([]),
  poll: pollSchema.optional(),
  linkCard: linkCardSchema.nullish(),
});

export const targetSchema = z.object({
  channelId: idText("pick a channel"),
  items: z.array(itemSchema).min(1, "write the post").max(50, "a thread has at most 50 items"),
  settings: z.record(safeText().max(100, "a setting name is at most 100 characters"), z.unknown()).default({}),
});

export const postModes = ["draft", "schedule", "now"] as const;
export type PostMode = (typeof postModes)[number];

export const postInputSchema = z
  .object({
    mode: z.enum(postModes, { message: "must be draft, schedule or now" }),
    // null is "no time", as leaving it out is; a present value must be a real date in the window.
    publishAt: boundedDate()
      .nullish()
      .transform((d) => d ?? undefined),
    targets: z.array(targetSchema).min(1, "pick at least one channel").max(100),
  })
  .refine((p) => p.mode !== "schedule" || p.publishAt, { path: ["publishAt"], message: "pick a date and time to schedule" })
  .refine((p) => !Array.isArray(p.targets) || new Set(p.targets.map((t) => t?.channelId)).size === p.targets.length, {
    path: ["targets"],
    message: "each channel can be picked once",
  });

export type PostInput = z.infer<typeof postInputSchema>;
export type TargetInput = z.infer<typeof targetSchema>;

export const rescheduleSchema = z.object({ publishAt: boundedDate() });

// Object-level rules run even when a field already failed (its value is then the raw input), so
// they only compare two dates that parsed.
const rangeRule = (maxDays: number, tooLong: string) => (r: { from: unknown; to: unknown }, ctx: z.RefinementCtx) => {
  if (!(r.from instanceof Date) || !(r.to instanceof Date)) return;
  if (r.to <= r.from) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
  else if (r.to.getTime() - r.from.getTime() > maxDays * 86_400_000) ctx.addIssue({ code: "custom", path: ["to"], message: tooLong });
};

/** GET /api/posts?from=&to=[&drafts=1] */
export const postRangeQuerySchema = z
  .object({
    from: boundedDate("from"),
    to: boundedDate("to"),
    drafts: z.enum(["1", "0"], { message: "drafts must be 1 or 0" }).optional(),
  })
  .superRefine(rangeRule(400, "a range is at most 400 days"));

/** GET /api/calendar?from=&to=[&channels=id,id] */
export const calendarQuerySchema = z
  .object({
    from: boundedDate("from"),
    to: boundedDate("to"),
    channels: safeText().max(10_000, "channels is at most 10000 characters").optional(),
  })
  .superRefine(rangeRule(62, "a calendar range is at most 62 days"));

/** A media reference as stored on a target: what the worker needs, resolved when saved. */
export type StoredMedia = { mediaId?: string; url?: string; mimeType: string; size?: number; fileName?: string; alt?: string };
export type StoredItem = { text: string; media: StoredMedia[]; poll?: z.infer<typeof pollSchema>; linkCard?: { url: string } | null };
