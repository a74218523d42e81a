import { z } from "zod";

// TikTok API for Business per-post settings (../shared/platforms/tiktok-business.md §2): a video
// post has no privacy level (the account's default applies); a photo post requires one, chosen
// from the account's options (/business/video/settings/, read through settingsChoices). Comments,
// duets and stitches may be turned off; commercial content is disclosed as "your brand"
// (is_brand_organic) and/or "branded content" (is_branded_content); a post may go to the
// creator's drafts instead, where TikTok keeps only the caption (video: nothing but the file).

export const tiktokBusinessSettings = z
  .object({
    privacy_level: z
      .string()
      .trim()
      .min(1, "Choose who can view the photo post")
      .max(64, "A TikTok privacy level is at most 64 characters")
      .optional()
      .meta({
        title: "Who can view a photo post",
        description: "Required for photo posts (videos use the account's default); the options your TikTok account offers",
        choices: "channel",
      }),
    photo_title: z.string().max(90, "A TikTok photo title is at most 90 characters").optional().meta({ title: "Photo post title" }),
    draft: z.boolean().default(false).meta({ title: "Send to drafts", description: "Finish and post it in the TikTok app" }),
    allow_comment: z.boolean().default(true).meta({ title: "Allow comments" }),
    allow_duet: z.boolean().default(true).meta({ title: "Allow Duet (videos)" }),
    allow_stitch: z.boolean().default(true).meta({ title: "Allow Stitch (videos)" }),
    brand_organic: z.boolean().default(false).meta({ title: "Your brand", description: "Labelled “Promotional content”" }),
    branded_content: z
      .boolean()
      .default(false)
      .meta({ title: "Branded content", description: "Labelled “Paid partnership”; it cannot be private" }),
    ai_generated: z.boolean().default(false).meta({ title: "AI-generated content (videos)" }),
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
  .meta({ title: "TikTok for Business settings" });

export type TiktokBusinessSettings = z.infer<typeof tiktokBusinessSettings>;
