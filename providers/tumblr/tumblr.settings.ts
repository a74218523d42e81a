import { z } from "zod";

// A Tumblr post's settings (../shared/platforms/tumblr.md §2). NPF posts have no title field: a
// title given here is sent as the first content block, a heading1 text block. Tags go as Tumblr's
// comma-separated string, so a tag may not itself hold a comma. The link becomes an NPF link block
// (Tumblr fetches its preview) after the text; the source is the post's source_url attribution.

const httpUrl = (what: string) =>
  z.url({ protocol: /^https?$/, message: `The ${what} must be an http(s) address` }).max(2048, `The ${what} is at most 2,048 characters`);

export const tumblrSettings = z
  .object({
    title: z
      .string()
      .trim()
      .max(4096, "A title is at most 4,096 characters (one NPF text block)")
      .optional()
      .meta({ title: "Title", description: "Shown as a heading at the top of the post (NPF posts have no title field)" }),
    tags: z
      .array(
        z
          .string()
          .trim()
          .min(1, "A tag cannot be empty")
          .max(140, "A tag is at most 140 characters")
          .refine((t) => !t.includes(","), "A tag cannot contain a comma (Tumblr separates tags with commas)"),
      )
      .max(30, "At most 30 tags")
      .optional()
      .meta({ title: "Tags" }),
    link: httpUrl("link").optional().meta({ title: "Link", description: "Added after the text as a link block with its preview" }),
    sourceUrl: httpUrl("source").optional().meta({ title: "Source", description: "Where the content comes from (source attribution)" }),
  })
  .meta({ title: "Tumblr settings" });

export type TumblrSettings = z.infer<typeof tumblrSettings>;
