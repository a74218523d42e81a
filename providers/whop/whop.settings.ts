import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// Per-post settings Whop's POST /forum_posts takes beside the body (docs.whop.com, "Create forum
// post"): an optional title (the headline shown above the post), pinning, and who may see the
// post. Paywalls, polls and the notify-everyone "mention" are left out on purpose: a mention
// cannot be taken back, and a paywall needs a price a scheduler should not guess.

/** Whop documents no title limit; 255 is the length it gives experience names, a conservative bound. */
export const WHOP_TITLE_MAX = 255;

export const WHOP_VISIBILITIES = ["members_only", "globally_visible"] as const;
const VISIBILITY_LABELS: OptionLabels<(typeof WHOP_VISIBILITIES)[number]> = {
  members_only: "Members only",
  globally_visible: "Everyone (public)",
};

export const whopSettings = z
  .object({
    title: z
      .string({ error: "Title must be text" })
      .trim()
      .max(WHOP_TITLE_MAX, { error: `Title must be at most ${WHOP_TITLE_MAX} characters` })
      .optional()
      .meta({ title: "Title", description: "Optional headline shown above the post." }),
    pinned: z.boolean({ error: "Pin must be true or false" }).default(false).meta({ title: "Pin to the top of the forum" }),
    visibility: z.enum(WHOP_VISIBILITIES, { error: "Visibility must be members_only or globally_visible" }).optional().meta({
      title: "Visibility",
      description: "Who can read the post; unset keeps the forum's default.",
      emptyLabel: "The forum's default",
      optionLabels: VISIBILITY_LABELS,
    }),
  })
  .meta({ title: "Whop settings" });

export type WhopSettings = z.infer<typeof whopSettings>;
