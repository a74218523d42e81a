import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// A WordPress post's settings (../shared/platforms/wordpress.md §2). The title is required: a post
// without one shows "(no title)" everywhere on the site. Categories and tags are the site's own
// terms, picked from the channel (their ids, which the REST API takes, as strings).

// post_title is a MySQL TEXT column: 65,535 bytes, so 16,383 characters at 4 bytes each (utf8mb4).
const TITLE_MAX = 16_383;
// post_name is varchar(200).
const SLUG_MAX = 200;
const TERM_ID = /^[1-9]\d*$/;

export const WORDPRESS_STATUSES = ["publish", "draft", "pending", "future"] as const;
// WordPress's own words for the statuses in its editor.
const STATUS_LABELS: OptionLabels<(typeof WORDPRESS_STATUSES)[number]> = {
  publish: "Published",
  draft: "Draft",
  pending: "Pending review",
  future: "Scheduled (on the site, at the date below)",
};

const termIds = (what: string, one: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .regex(TERM_ID, { error: `${what}: each entry must be a ${one} id from the site` }),
    )
    .max(100, { error: `${what}: at most 100` });

export const wordpressSettings = z
  .object({
    title: z
      .string({ error: "title: WordPress posts need a title" })
      .trim()
      .min(1, { error: "title: WordPress posts need a title" })
      .max(TITLE_MAX, { error: `title: at most ${TITLE_MAX} characters` })
      .meta({ title: "Title" }),
    status: z.enum(WORDPRESS_STATUSES, { error: "status: one of publish, draft, pending or future" }).optional().meta({
      title: "Status",
      description: "Published now, saved as a draft, sent for review, or scheduled on the site (give the date below).",
      optionLabels: STATUS_LABELS,
    }),
    date: z.iso.datetime({ offset: true, error: "date: a date and time such as 2030-01-01T10:00:00Z" }).optional().meta({
      title: "Scheduled date",
      description: "When the site publishes a scheduled post, as 2030-01-01T10:00:00Z (UTC) or with an offset such as +02:00.",
    }),
    excerpt: z
      .string()
      .max(TITLE_MAX * 4, { error: "excerpt: too long" })
      .optional()
      .meta({ title: "Excerpt" }),
    slug: z
      .string()
      .trim()
      .max(SLUG_MAX, { error: `slug: at most ${SLUG_MAX} characters` })
      .regex(/^[^\s/?#]*$/, { error: "slug: no spaces, slashes, ? or #" })
      .optional()
      .meta({ title: "Slug", description: "The post's address on the site; WordPress makes one from the title when empty." }),
    categories: termIds("Categories", "category").optional().meta({ title: "Categories", choices: "channel" }),
    tags: termIds("Tags", "tag").optional().meta({ title: "Tags", choices: "channel" }),
  })
  .refine((s) => s.status !== "future" || !!s.date, { path: ["date"], error: "date: a scheduled post needs its date" })
  .refine((s) => s.status !== "future" || !s.date || Date.parse(s.date) > Date.now(), {
    path: ["date"],
    error: "date: a scheduled post's date must be in the future",
  })
  .meta({ title: "WordPress settings" });

export type WordpressSettings = z.infer<typeof wordpressSettings>;
