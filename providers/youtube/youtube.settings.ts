import { z } from "zod";

// A YouTube video's settings (../shared/platforms/youtube.md §2–3, checked against the Data API's
// videos resource): the post's text is the description; the title is required (videos.insert
// refuses a video without one) and at most 100 characters without < or >; "made for kids" must be
// answered (YouTube requires creators to declare it, so there is no default); a scheduled publish
// time needs the video private until then. Shorts have no setting: YouTube itself treats a square
// or vertical video of up to three minutes as a Short.

/** YouTube counts a tag with a space as if quoted (+2) and a comma between tags (videos resource, snippet.tags[]). */
export function tagsLength(tags: readonly string[]): number {
  return tags.reduce((n, t) => n + t.length + (/\s/.test(t) ? 2 : 0), 0) + Math.max(0, tags.length - 1);
}

const ANGLE = /[<>]/;

export const PRIVACY = ["public", "unlisted", "private"] as const;

export const youtubeSettings = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "A YouTube video needs a title")
      .max(100, "A YouTube title is at most 100 characters")
      .refine((t) => !ANGLE.test(t), "A YouTube title cannot contain < or >")
      .meta({ title: "Title", description: "Up to 100 characters, without < or >" }),
    madeForKids: z
      .enum(["yes", "no"], {
        error: (iss) => (iss.input === undefined || iss.input === null ? "Made for kids is required" : "Answer yes or no"),
      })
      .meta({
        title: "Made for kids",
        description: "YouTube requires this answer for every video (COPPA)",
        optionLabels: { yes: "Yes, it's made for kids", no: "No, it's not made for kids" },
      }),
    privacy: z
      .enum(PRIVACY)
      .optional()
      .meta({
        title: "Visibility",
        description: "Public when left empty; a scheduled publish time needs Private",
        optionLabels: { public: "Public", unlisted: "Unlisted", private: "Private" },
        emptyLabel: "Public",
      }),
    publishAt: z.iso
      .datetime({ offset: true, message: "The publish time must be a date and time such as 2027-01-31T18:00:00Z" })
      .optional()
      .meta({
        title: "Scheduled publish time (YouTube)",
        description: "Optional: YouTube makes the private video public at this time (ISO 8601, e.g. 2027-01-31T18:00:00Z)",
      }),
    categoryId: z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, "Pick one of YouTube's categories")
      .optional()
      .meta({ title: "Category", description: "YouTube's video category for your channel's region", choices: "channel" }),
    tags: z
      .array(
        z
          .string()
          .trim()
          .min(1, "A tag cannot be empty")
          .refine((t) => !ANGLE.test(t), "A YouTube tag cannot contain < or >"),
      )
      .max(500, "YouTube takes at most 500 characters of tags")
      .refine(
        (tags) => tagsLength(tags) <= 500,
        "YouTube takes at most 500 characters of tags in all (a tag with a space counts 2 more, each comma 1)",
      )
      .optional()
      .meta({ title: "Tags", description: "Up to 500 characters in all" }),
    notifySubscribers: z
      .boolean()
      .optional()
      .meta({ title: "Notify subscribers", description: "YouTube tells subscribers about the new video (its default)" }),
    thumbnail: z
      .url({ protocol: /^https?$/, message: "The thumbnail must be an http(s) address of a JPEG or PNG image" })
      .max(2048, "The thumbnail address is at most 2,048 characters")
      .optional()
      .meta({
        title: "Custom thumbnail",
        description: "Optional: the address of a JPEG or PNG image up to 2 MB (YouTube takes custom thumbnails from verified channels)",
      }),
  })
  .superRefine((s, ctx) => {
    if (s.publishAt && s.privacy && s.privacy !== "private")
      ctx.addIssue({
        code: "custom",
        path: ["publishAt"],
        message: "A scheduled publish time needs the visibility Private (YouTube makes it public at that time)",
      });
  })
  .meta({ title: "YouTube settings" });

export type YoutubeSettings = z.infer<typeof youtubeSettings>;
