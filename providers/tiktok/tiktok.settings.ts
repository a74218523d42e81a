import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// TikTok's per-post settings, as the Content Posting API's UX guidelines require
// (developers.tiktok.com/doc/content-sharing-guidelines): the privacy level is the creator's
// choice among the options creator_info returns for this account, with no default (the field is
// required and read through settingsChoices); comments, duets and stitches may be turned off
// (creator_info may have them off already: then they stay off); commercial content is disclosed
// as "your brand" (promotional) and/or "branded content" (paid partnership); and the video goes
// straight to the profile or to the creator's TikTok inbox to finish there.

const MODES = ["direct", "inbox"] as const;
const MODE_LABELS: OptionLabels<(typeof MODES)[number]> = {
  direct: "Post directly to my profile",
  inbox: "Send to my TikTok inbox as a draft",
};

/** What the privacy levels mean, for the choices read from creator_info. */
export const PRIVACY_LABELS: Record<string, string> = {
  PUBLIC_TO_EVERYONE: "Everyone",
  MUTUAL_FOLLOW_FRIENDS: "Friends (followers you follow back)",
  FOLLOWER_OF_CREATOR: "Followers",
  SELF_ONLY: "Only me",
};

export const tiktokSettings = z
  .object({
    privacy_level: z
      .string()
      .trim()
      .min(1, "Choose who can view this post")
      .max(64, "A TikTok privacy level is at most 64 characters")
      .meta({ title: "Who can view this post", description: "The options your TikTok account offers", choices: "channel" }),
    post_mode: z.enum(MODES).default("direct").meta({
      title: "How to post",
      description: "Post now, or send to your TikTok inbox to edit and post from the app (within 24 hours)",
      optionLabels: MODE_LABELS,
    }),
    allow_comment: z.boolean().default(false).meta({ title: "Allow comments" }),
    allow_duet: z.boolean().default(false).meta({ title: "Allow Duet" }),
    allow_stitch: z.boolean().default(false).meta({ title: "Allow Stitch" }),
    brand_organic: z
      .boolean()
      .default(false)
      .meta({ title: "Your brand", description: "You are promoting yourself or your own business: labelled “Promotional content”" }),
    branded_content: z.boolean().default(false).meta({
      title: "Branded content",
      description: "You are promoting another brand or a third party: labelled “Paid partnership”; it cannot be private",
    }),
    is_aigc: z.boolean().default(false).meta({ title: "AI-generated content" }),
    // photo-post reference: post_info.title, at most 90 UTF-16 runes; the post's text is the description.
    photo_title: z
      .string()
      .trim()
      .max(90, "A TikTok photo post title is at most 90 characters")
      .optional()
      .meta({ title: "Photo post title", description: "Photo posts only, up to 90 characters" }),
  })
  // content-sharing-guidelines: branded content (a paid partnership) cannot be private; refused on
  // save, naming the field, as the composer shows it.
  .superRefine((s, ctx) => {
    if (s.branded_content && s.privacy_level === "SELF_ONLY")
      ctx.addIssue({
        code: "custom",
        path: ["branded_content"],
        message: "Branded content cannot be private: choose who can view it other than Only me",
      });
  })
  .meta({ title: "TikTok settings" });

export type TiktokSettings = z.infer<typeof tiktokSettings>;
