import { z } from "zod";

// Facebook Page's per-post settings (../shared/platforms/facebook.md §2): where the post goes (the
// feed, a Reel from one video through /video_reels, or a Story from one photo or video through
// /photo_stories and /video_stories), and a link shared with a text post (POST /{page-id}/feed
// `link`, shown as a preview card). Photos and videos take no link, Reels and Stories no text
// beyond a Reel's description: what a kind cannot carry is refused before scheduling (checkSettings).

export const POST_AS = ["feed", "reel", "story"] as const;
const POST_AS_LABELS: Record<(typeof POST_AS)[number], string> = {
  feed: "Feed post",
  reel: "Reel (one vertical video, 3–90 s)",
  story: "Story (one photo or video)",
};

export const facebookSettings = z
  .object({
    postAs: z
      .enum(POST_AS, { error: "postAs: one of feed, reel or story" })
      .optional()
      .meta({ title: "Post as", description: "A feed post, a Reel or a Story", optionLabels: POST_AS_LABELS, emptyLabel: "Feed post" }),
    link: z
      .url({ protocol: /^https?$/, error: "The link must be an http(s) address" })
      .max(2000, "The link is at most 2,000 characters")
      .optional()
      .meta({ title: "Link", description: "Shared with a text post as a preview card (not with photos or video)" }),
  })
  .meta({ title: "Facebook Page settings" });

export type FacebookSettings = z.infer<typeof facebookSettings>;
