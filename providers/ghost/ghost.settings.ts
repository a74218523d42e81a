import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// Ghost's per-post settings. Lengths are Ghost's schema limits (posts.title 255, custom_excerpt
// 300, canonical_url 2000, tags.name 191). A post must have a title; everything else is optional.

const STATUSES = ["published", "draft", "scheduled"] as const;
const VISIBILITIES = ["public", "members", "paid"] as const;
/** Ghost's documented email_segment values (an NQL filter on members). */
const SEGMENTS = ["all", "status:free", "status:-free"] as const;

const statusLabels: OptionLabels<(typeof STATUSES)[number]> = {
  published: "Publish on the site",
  draft: "Save as a draft in Ghost",
  scheduled: "Let Ghost publish it at the time below",
};
const visibilityLabels: OptionLabels<(typeof VISIBILITIES)[number]> = {
  public: "Everyone",
  members: "Members only",
  paid: "Paid members only",
};
const segmentLabels: OptionLabels<(typeof SEGMENTS)[number]> = {
  all: "All subscribers",
  "status:free": "Free members",
  "status:-free": "Paid members",
};

export const ghostSettings = z
  .object({
    title: z
      .string({ error: "title: a Ghost post needs a title" })
      .trim()
      .min(1, "title: a Ghost post needs a title")
      .max(255, "title: Ghost allows at most 255 characters")
      .meta({ title: "Title" }),
    excerpt: z
      .string()
      .trim()
      .max(300, "excerpt: Ghost allows at most 300 characters")
      .optional()
      .meta({ title: "Excerpt", description: "Shown in post lists, previews and emails; up to 300 characters." }),
    tags: z
      .array(z.string().trim().min(1, "tags: a tag cannot be empty").max(191, "tags: a tag name has at most 191 characters"))
      .optional()
      .meta({ title: "Tags", description: "Tag names; Ghost creates the ones the site does not have yet." }),
    status: z.enum(STATUSES).default("published").meta({ title: "Status", optionLabels: statusLabels }),
    publishedAt: z.iso
      .datetime({ offset: true, error: "publishedAt: give a date and time such as 2026-09-01T10:00:00Z" })
      .optional()
      .meta({ title: "Ghost publish time", description: "Only with “Let Ghost publish it”: at least 2 minutes ahead." }),
    canonicalUrl: z
      .url({ protocol: /^https?$/, error: "canonicalUrl: give the original article's http(s) address" })
      .max(2000, "canonicalUrl: Ghost allows at most 2,000 characters")
      .optional()
      .meta({ title: "Canonical URL", description: "Where the article first appeared, when it is a copy." }),
    visibility: z
      .enum(VISIBILITIES)
      .optional()
      .meta({ title: "Who can read it", optionLabels: visibilityLabels, emptyLabel: "The site's default" }),
    newsletter: z.string().trim().min(1).optional().meta({
      title: "Send as newsletter",
      description: "Emails the post to the newsletter's subscribers when Ghost publishes it.",
      choices: "channel",
      emptyLabel: "Do not email",
    }),
    emailSegment: z.enum(SEGMENTS).optional().meta({ title: "Email to", optionLabels: segmentLabels, emptyLabel: "All subscribers" }),
  })
  .superRefine((s, ctx) => {
    // Ghost only emails a post when it publishes or schedules it, and schedules only with a time.
    if (s.status === "scheduled" && !s.publishedAt)
      ctx.addIssue({ code: "custom", path: ["publishedAt"], message: "publishedAt: a scheduled Ghost post needs its publish time" });
    if (s.status !== "scheduled" && s.publishedAt)
      ctx.addIssue({ code: "custom", path: ["publishedAt"], message: "publishedAt: only a post Ghost schedules takes a publish time" });
    if (s.status === "draft" && s.newsletter)
      ctx.addIssue({ code: "custom", path: ["newsletter"], message: "newsletter: Ghost emails a post when it publishes it, not a draft" });
    if (s.emailSegment && !s.newsletter)
      ctx.addIssue({ code: "custom", path: ["emailSegment"], message: "emailSegment: pick the newsletter to send it with" });
  })
  .meta({ title: "Ghost settings" });

export type GhostSettings = z.infer<typeof ghostSettings>;
