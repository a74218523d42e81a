import { z } from "zod";
import { ALT_TEXT_CEILING, altTextLength } from "@/lib/media/alt-text";

// One input schema for a post, shared by the composer and the API. A post is a list of targets,
// one per channel, each with its own items (the main post, then thread replies or comments).

export const mediaRefSchema = z
  .object({
    /** An uploaded file from the media library. */
    mediaId: z.string().min(1).optional(),
    /** Or a public http(s) address the worker fetches at publish time. */
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) address" }).optional(),
    // Each channel's own limit is checked with its rules (variant-rules.ts); this is the longest any takes.
    alt: z.string().refine((s) => altTextLength(s) <= ALT_TEXT_CEILING, `alt text is at most ${ALT_TEXT_CEILING} characters on any platform`).optional(),
  })
  .refine((m) => !!m.mediaId !== !!m.url, { message: "give either an uploaded file or a URL" });

export const pollSchema = z.object({
  question: z.string().max(300).optional(),
  options: z.array(z.string()).max(20),
  durationMinutes: z.number().int("must be whole minutes").positive("must be positive"),
});

export const itemSchema = z.object({
  text: z.string().max(100_000, "is longer than any platform accepts"),
  media: z.array(mediaRefSchema).max(20, "at most 20 attachments").default([]),
  poll: pollSchema.optional(),
});

export const targetSchema = z.object({
  channelId: z.string().min(1, "pick a channel"),
  items: z.array(itemSchema).min(1, "write the post").max(50, "a thread has at most 50 items"),
  settings: z.record(z.string(), z.unknown()).default({}),
});

export const postModes = ["draft", "schedule", "now"] as const;
export type PostMode = (typeof postModes)[number];

export const postInputSchema = z
  .object({
    mode: z.enum(postModes, { message: "must be draft, schedule or now" }),
    publishAt: z.coerce.date({ message: "must be a date and time" }).optional(),
    targets: z.array(targetSchema).min(1, "pick at least one channel").max(100),
  })
  .refine((p) => p.mode !== "schedule" || p.publishAt, { path: ["publishAt"], message: "pick a date and time to schedule" })
  .refine((p) => new Set(p.targets.map((t) => t.channelId)).size === p.targets.length, { path: ["targets"], message: "each channel can be picked once" });

export type PostInput = z.infer<typeof postInputSchema>;
export type TargetInput = z.infer<typeof targetSchema>;

export const rescheduleSchema = z.object({ publishAt: z.coerce.date({ message: "must be a date and time" }) });

/** A media reference as stored on a target: what the worker needs, resolved when saved. */
export type StoredMedia = { mediaId?: string; url?: string; mimeType: string; size?: number; fileName?: string; alt?: string };
export type StoredItem = { text: string; media: StoredMedia[]; poll?: z.infer<typeof pollSchema> };
