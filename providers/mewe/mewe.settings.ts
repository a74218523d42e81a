import { z } from "zod";

// MeWe's per-post settings: where the post goes. MeWe posts to the user's own timeline or to one
// group they belong to (../shared/platforms/mewe.md §2); the choices are read from the account
// (GET /api/dev/groups) with the timeline first, under the value TIMELINE.

/** The choice meaning "the user's own timeline" (MeWe group ids are opaque strings, never this word). */
export const TIMELINE = "timeline";

export const meweSettings = z
  .object({
    group: z
      .string()
      .trim()
      .min(1, "Choose where to post")
      .max(200, "A MeWe group id is at most 200 characters")
      .optional()
      .meta({ title: "Post to", description: "Your timeline, or one of your MeWe groups", choices: "channel" }),
  })
  .meta({ title: "MeWe settings" });

export type MeweSettings = z.infer<typeof meweSettings>;
