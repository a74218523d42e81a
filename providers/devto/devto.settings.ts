import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// Per-article settings DEV (Forem API v1) takes in POST /api/articles `article`, with Forem's own
// limits (app/models/article.rb, app/models/tag.rb): a title of at most 128 characters not
// counting whitespace, at most 4 tags of letters and digits (30 characters each), a series name,
// a canonical URL (http or https, not a local address), a description (no limit in Forem's model),
// published or draft, and the organization to post under.

const TITLE_MAX = 128;
const TAG_MAX = 30;
/** Tag names Forem accepts: letters and digits only (Tag#validate_name); DEV stores them lower-case. */
const TAG = /^[\p{L}\p{N}]+$/u;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "0.0.0.0", "::1"]);

export const DEVTO_STATUSES = ["published", "draft"] as const;
const STATUS_LABELS: OptionLabels<(typeof DEVTO_STATUSES)[number]> = {
  published: "Publish now",
  draft: "Save as a draft on DEV",
};

export const devtoSettings = z
  .object({
    title: z
      .string({ error: "Title is required: DEV refuses an article without one" })
      .trim()
      .min(1, { error: "Title is required: DEV refuses an article without one" })
      // Forem measures the title with its whitespace removed.
      .refine((t) => [...t.replace(/\s/gu, "")].length <= TITLE_MAX, {
        error: `Title must be at most ${TITLE_MAX} characters (not counting spaces)`,
      })
      .meta({ title: "Title", description: `Required; at most ${TITLE_MAX} characters.` }),
    status: z
      .enum(DEVTO_STATUSES, { error: "Status must be published or draft" })
      .default("published")
      .meta({ title: "Status", description: "Publish the article, or keep it as a draft on DEV.", optionLabels: STATUS_LABELS }),
    tags: z
      .array(
        z
          .string()
          .trim()
          .transform((t) => t.replace(/^#/, "").toLowerCase())
          .pipe(
            z
              .string()
              .min(1, { error: "Tags: an empty tag is not allowed" })
              .max(TAG_MAX, { error: `Tags: each tag must be at most ${TAG_MAX} characters` })
              .regex(TAG, { error: "Tags: DEV tags are letters and digits only (no spaces, hyphens or dots)" }),
          ),
      )
      .max(4, { error: "Tags: DEV accepts at most 4 tags per article" })
      .optional()
      .meta({ title: "Tags", description: "Up to 4 tags of letters and digits, such as javascript or webdev." }),
    series: z
      .string({ error: "Series must be text" })
      .trim()
      .max(128, { error: "Series must be at most 128 characters" })
      .optional()
      .meta({ title: "Series", description: "The series this article belongs to, by name; DEV creates it if it is new." }),
    canonicalUrl: z
      .url({ protocol: /^https?$/, error: "Canonical URL must be an http(s) address" })
      // Forem refuses local addresses for a canonical URL (validates :canonical_url, url: { no_local: true }).
      .refine((u) => !LOCAL_HOSTS.has(new URL(u).hostname.replace(/^\[|\]$/g, "")), {
        error: "Canonical URL must be a public address, not localhost",
      })
      .optional()
      .meta({ title: "Canonical URL", description: "Where the article was first published, if not on DEV." }),
    description: z
      .string({ error: "Description must be text" })
      .trim()
      .optional()
      .meta({ title: "Description", description: "A short summary shown in feeds and link previews." }),
    organization: z
      .string({ error: "Organization must be an organization id" })
      .regex(/^\d{1,10}$/, { error: "Organization must be the organization's numeric id on DEV" })
      .optional()
      .meta({
        title: "Organization",
        description: "Publish under one of your DEV organizations instead of your own name.",
        choices: "channel",
        emptyLabel: "Under my own name",
      }),
  })
  .meta({ title: "DEV settings" });

export type DevtoSettings = z.infer<typeof devtoSettings>;
