import { z } from "zod";

// Per-post settings, mapped onto publishPost's PublishPostInput (Hashnode/gql-skill
// references/schema.graphql). The title is required: PublishPostInput.title is String!, and Hashnode
// refuses titles under 6 characters (issue 19; Postiz's Hashnode settings doc says the same — the
// SDL itself states no length). Tags are typed as words; hashnode.tags.ts turns each into the
// { slug, name } object the API takes, at most 15 per post.

export const HASHNODE_TITLE_MIN = 6;
/** PublishPostInput.tags: "Tags as slugs (max 15)". */
export const HASHNODE_MAX_TAGS = 15;

// The composer sends an emptied text field as "": every optional text here takes "" as "not set".

const isHttpUrl = (v: string) => {
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
};

// A tag must leave at least one letter or digit once slugged (hashnode.tags.ts).
const TAG = "^.*[\\p{L}\\p{N}].*$";

export const hashnodeSettings = z
  .object({
    title: z
      .string({ error: `title: a title is required (at least ${HASHNODE_TITLE_MIN} characters)` })
      .trim()
      .min(HASHNODE_TITLE_MIN, { error: `title: Hashnode needs a title of at least ${HASHNODE_TITLE_MIN} characters` })
      .meta({ title: "Title", description: `The article's title, at least ${HASHNODE_TITLE_MIN} characters.` }),
    subtitle: z
      .string({ error: "subtitle: must be text" })
      .trim()
      .optional()
      .meta({ title: "Subtitle", description: "Shown under the title." }),
    tags: z
      .array(
        z
          .string({ error: "tags: each tag must be text" })
          .trim()
          .regex(new RegExp(TAG, "u"), { error: "tags: each tag needs at least one letter or digit" }),
      )
      .max(HASHNODE_MAX_TAGS, { error: `tags: Hashnode accepts at most ${HASHNODE_MAX_TAGS} tags per post` })
      .optional()
      .meta({ title: "Tags", description: `Up to ${HASHNODE_MAX_TAGS}, such as javascript or web development; new tags are created.` }),
    canonicalUrl: z
      .string({ error: "canonicalUrl: must be text" })
      .trim()
      .refine((v) => v === "" || isHttpUrl(v), { error: "canonicalUrl: the original article's address must be an http(s) URL" })
      .optional()
      .meta({ title: "Original article URL", description: "Where the article first appeared (the canonical URL), if it is a repost." }),
    slug: z
      .string({ error: "slug: must be text" })
      .trim()
      .regex(/^([a-z0-9]+(?:-[a-z0-9]+)*)?$/, { error: "slug: lower-case letters, digits and single hyphens only, such as my-first-post" })
      .optional()
      .meta({ title: "Slug", description: "The article's address on the blog; made from the title when empty." }),
    seriesId: z
      .string({ error: "seriesId: must be text" })
      .regex(/^([0-9a-f]{24})?$/i, { error: "seriesId: pick one of the blog's series" })
      .optional()
      .meta({ title: "Series", description: "Add the article to one of the blog's series.", choices: "channel" }),
    disableComments: z.boolean({ error: "disableComments: must be true or false" }).optional().meta({ title: "Turn off comments" }),
    delisted: z
      .boolean({ error: "delisted: must be true or false" })
      .optional()
      .meta({ title: "Hide from Hashnode feeds", description: "The article stays reachable by its link and on the blog." }),
    tableOfContents: z
      .boolean({ error: "tableOfContents: must be true or false" })
      .optional()
      .meta({ title: "Table of contents", description: "Show a table of contents built from the headings." }),
  })
  .meta({ title: "Hashnode settings" });

export type HashnodeSettings = z.infer<typeof hashnodeSettings>;
