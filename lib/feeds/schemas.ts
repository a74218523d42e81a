import { z } from "zod";
import { idText, safeText, safeUrl } from "@/lib/validation";
import { templateProblem } from "./template";
import { FEED_MODES } from "./timing";

// One input schema per feed form, shared by the Feeds page and the server actions.

export const MIN_INTERVAL_MINUTES = 5;
export const DEFAULT_INTERVAL_MINUTES = 15;
export const MAX_INTERVAL_MINUTES = 24 * 60;

const template = safeText()
  .max(5000, "a template is at most 5000 characters")
  .superRefine((t, ctx) => {
    const problem = templateProblem(t);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const feedChannelSchema = z.object({
  channelId: idText("pick a channel"),
  /** The channel's own template; empty or absent uses the feed's. */
  template: z.union([z.literal(""), template]).optional(),
});
export type FeedChannel = { channelId: string; template?: string };

export const feedSettingsSchema = z.object({
  template,
  channels: z
    .array(feedChannelSchema)
    .min(1, "pick at least one channel")
    .max(50, "at most 50 channels")
    .refine((cs) => new Set(cs.map((c) => c?.channelId)).size === cs.length, "each channel can be picked once")
    .transform((cs): FeedChannel[] =>
      cs.map((c) => (c.template ? { channelId: c.channelId, template: c.template } : { channelId: c.channelId })),
    ),
  mode: z.enum(FEED_MODES, { message: `must be one of ${FEED_MODES.join(", ")}` }),
  intervalMinutes: z.coerce
    .number({ message: "must be a number of minutes" })
    .int("must be whole minutes")
    .min(MIN_INTERVAL_MINUTES, `check at most every ${MIN_INTERVAL_MINUTES} minutes`)
    .max(MAX_INTERVAL_MINUTES, `check at least once a day (${MAX_INTERVAL_MINUTES} minutes)`)
    .default(DEFAULT_INTERVAL_MINUTES),
});

export const feedUrlSchema = z.object({ url: safeUrl() });

export const newFeedSchema = feedSettingsSchema.extend({
  url: safeUrl(),
  /** Post the newest item now; every other item already in the feed is only marked as seen. */
  postLatest: z.boolean({ message: "must be true or false" }).default(false),
});
export type NewFeedInput = z.infer<typeof newFeedSchema>;
export type FeedSettingsInput = z.infer<typeof feedSettingsSchema>;
