import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// Per-post options a Mastodon status takes beyond its text.

export const MASTODON_VISIBILITIES = ["public", "unlisted", "private", "direct"] as const;
// Mastodon's own interface words for the four visibilities.
const VISIBILITY_LABELS: OptionLabels<(typeof MASTODON_VISIBILITIES)[number]> = {
  public: "Public",
  unlisted: "Quiet public (not in public timelines)",
  private: "Followers only",
  direct: "Only people mentioned",
};

export const mastodonSettings = z.object({
  visibility: z
    .enum(MASTODON_VISIBILITIES, {
      error: "Visibility must be public, unlisted, private (followers only) or direct (mentioned people only)",
    })
    .default("public")
    .meta({
      title: "Visibility",
      description: "Who sees the post: everyone, everyone but not in public timelines, followers only, or only the people mentioned.",
      optionLabels: VISIBILITY_LABELS,
    }),
  spoilerText: z
    .string({ error: "Content warning must be text" })
    .max(500, { error: "Content warning must be at most 500 characters" })
    .optional()
    .meta({
      title: "Content warning",
      description: "Shown instead of the text until the reader expands it; counts toward the character limit.",
    }),
  sensitive: z
    .boolean({ error: "Sensitive media must be true or false" })
    .optional()
    .meta({ title: "Mark media as sensitive", description: "Hides attached media behind a warning." }),
});

export type MastodonSettings = z.infer<typeof mastodonSettings>;
