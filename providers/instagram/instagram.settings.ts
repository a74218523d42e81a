import { z } from "zod";

// Per-post settings of an Instagram publish (../shared/platforms/instagram.md §2), shared by
// instagram and instagram-standalone: the container flow is the same on both hosts.

export const POST_TYPES = ["post", "reel", "story"] as const;
const POST_TYPE_LABELS = {
  post: "Feed post (an image, a Reel for a single video, a carousel for several)",
  reel: "Reel (one video)",
  story: "Story (one image or video)",
};

const USERNAME = /^[A-Za-z0-9._]{1,30}$/;

/** "alice 0.5 0.3, bob 0.1 0.9": user tags as username and x, y (0–1) on the image. */
export type UserTag = { username: string; x: number; y: number };

export function parseUserTags(text: string | undefined): UserTag[] | string {
  const parts = (text ?? "")
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const tags: UserTag[] = [];
  for (const p of parts) {
    const [name, xs, ys, ...rest] = p.replace(/^@/, "").split(/\s+/);
    const x = Number(xs);
    const y = Number(ys);
    if (!name || !USERNAME.test(name) || rest.length || !(x >= 0 && x <= 1) || !(y >= 0 && y <= 1) || xs === undefined || ys === undefined)
      return `"${p}": write a username and x, y between 0 and 1, e.g. "alice 0.5 0.5"`;
    tags.push({ username: name, x, y });
  }
  return tags;
}

export function parseCollaborators(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[\s,;]+/)
    .map((u) => u.trim().replace(/^@/, ""))
    .filter(Boolean);
}

export const instagramSettings = z
  .object({
    postType: z
      .enum(POST_TYPES, { error: "postType: one of post, reel or story" })
      .optional()
      .meta({ title: "Publish as", optionLabels: POST_TYPE_LABELS, emptyLabel: "Feed post" }),
    shareToFeed: z
      .boolean()
      .optional()
      .meta({ title: "Also show the Reel in the feed", description: "Reels only; Instagram's default is to show it." }),
    coverUrl: z
      .url({ protocol: /^https?$/, error: "coverUrl: give the cover image's public http(s) address" })
      .optional()
      .meta({ title: "Reel cover image URL", description: "Reels only: a public JPEG Instagram downloads as the cover." }),
    thumbOffset: z
      .number()
      .int("thumbOffset: whole milliseconds")
      .min(0, "thumbOffset: 0 or more milliseconds")
      .optional()
      .meta({ title: "Reel cover frame (ms)", description: "Reels only, without a cover image: the frame used as the cover." }),
    collaborators: z
      .string()
      .trim()
      .max(200)
      .optional()
      .refine((v) => parseCollaborators(v).length <= 3, "collaborators: at most 3 usernames")
      .refine((v) => parseCollaborators(v).every((u) => USERNAME.test(u)), "collaborators: Instagram usernames, separated by commas")
      .meta({ title: "Collaborators", description: "Up to 3 Instagram usernames invited as collaborators (feed posts and Reels)." }),
    userTags: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .superRefine((v, ctx) => {
        const tags = parseUserTags(v);
        if (typeof tags === "string") ctx.addIssue({ code: "custom", message: `userTags: ${tags}` });
        else if (tags.length > 20) ctx.addIssue({ code: "custom", message: "userTags: at most 20 people" });
      })
      .meta({
        title: "Tag people",
        description: 'Username and position on the first image, x and y from 0 to 1: "alice 0.5 0.5, bob 0.2 0.8".',
      }),
  })
  .meta({ title: "Instagram settings" });

export type InstagramSettings = z.infer<typeof instagramSettings>;

/**
 * What the chosen post type needs of the first item's media, checked when a post is saved (the
 * providers' checkSettings) so it is refused before scheduling, not at publishing.
 */
export function postTypeProblems(settings: InstagramSettings | undefined, items: { mediaTypes: string[] }[]): Record<string, string> {
  const types = items[0]?.mediaTypes ?? [];
  const videos = types.filter((t) => t.startsWith("video/")).length;
  const problems: Record<string, string> = {};
  if (settings?.postType === "story" && types.length !== 1) problems.postType = "An Instagram Story takes exactly one image or video";
  if (settings?.postType === "reel" && (types.length !== 1 || videos !== 1)) problems.postType = "An Instagram Reel is exactly one video";
  if (settings?.userTags?.trim() && videos === types.length && types.length)
    problems.userTags = "People can be tagged on images only, and this post has none";
  return problems;
}
