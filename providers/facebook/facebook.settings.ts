import { z } from "zod";

// Facebook Page's per-post settings (../shared/platforms/facebook.md §2): a link shared with a
// text post (POST /{page-id}/feed `link`, shown as a preview card). Photos and videos are posts of
// their own on Facebook, which take no link: a link given with media is refused before publishing.

export const facebookSettings = z
  .object({
    link: z
      .url({ protocol: /^https?$/, error: "The link must be an http(s) address" })
      .max(2000, "The link is at most 2,000 characters")
      .optional()
      .meta({ title: "Link", description: "Shared with a text post as a preview card (not with photos or video)" }),
  })
  .meta({ title: "Facebook Page settings" });

export type FacebookSettings = z.infer<typeof facebookSettings>;
