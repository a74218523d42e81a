import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// The fields of Medium's "create a post" call (POST /v1/users/{authorId}/posts, or under a
// publication) that a user chooses per post. Medium's README: a title over 100 characters is
// ignored (Medium makes one up from the text), only the first three tags are used and a tag over
// 25 characters is ignored; those are refused here instead, so nothing the user typed is dropped
// without a word.

export const MEDIUM_TITLE_MAX = 100;
export const MEDIUM_TAGS_MAX = 3;
export const MEDIUM_TAG_MAX_LENGTH = 25;

export const MEDIUM_STATUSES = ["public", "draft", "unlisted"] as const;
const STATUS_LABELS: OptionLabels<(typeof MEDIUM_STATUSES)[number]> = {
  public: "Public",
  draft: "Draft (finish and publish it on Medium)",
  unlisted: "Unlisted (only people with the link)",
};

export const MEDIUM_LICENSES = [
  "all-rights-reserved",
  "cc-40-by",
  "cc-40-by-sa",
  "cc-40-by-nd",
  "cc-40-by-nc",
  "cc-40-by-nc-nd",
  "cc-40-by-nc-sa",
  "cc-40-zero",
  "public-domain",
] as const;
const LICENSE_LABELS: OptionLabels<(typeof MEDIUM_LICENSES)[number]> = {
  "all-rights-reserved": "All rights reserved",
  "cc-40-by": "CC BY 4.0",
  "cc-40-by-sa": "CC BY-SA 4.0",
  "cc-40-by-nd": "CC BY-ND 4.0",
  "cc-40-by-nc": "CC BY-NC 4.0",
  "cc-40-by-nc-nd": "CC BY-NC-ND 4.0",
  "cc-40-by-nc-sa": "CC BY-NC-SA 4.0",
  "cc-40-zero": "CC0 (no rights reserved)",
  "public-domain": "Public domain",
};

export const mediumSettings = z
  .object({
    title: z
      .string({ error: "Title must be text" })
      .trim()
      .min(1, { error: "Title must not be empty" })
      .max(MEDIUM_TITLE_MAX, { error: `Title must be at most ${MEDIUM_TITLE_MAX} characters (Medium ignores longer titles)` })
      .meta({
        title: "Title",
        description: "Shown in listings and search, and as the heading at the top of the story unless the text opens with its own.",
      }),
    tags: z
      .array(
        z
          .string({ error: "Each tag must be text" })
          .trim()
          .min(1, { error: "Tags must not be empty" })
          .max(MEDIUM_TAG_MAX_LENGTH, {
            error: `Each tag must be at most ${MEDIUM_TAG_MAX_LENGTH} characters (Medium ignores longer ones)`,
          }),
      )
      .max(MEDIUM_TAGS_MAX, { error: `Medium uses at most ${MEDIUM_TAGS_MAX} tags per story` })
      .optional()
      .meta({
        title: "Tags",
        description: `Up to ${MEDIUM_TAGS_MAX} tags of at most ${MEDIUM_TAG_MAX_LENGTH} characters, separated by commas.`,
      }),
    canonicalUrl: z
      .url({ protocol: /^https?$/, error: "Canonical link must be an http(s) address, such as https://blog.example/post" })
      .optional()
      .meta({ title: "Canonical link", description: "Where the story was first published, if it was published elsewhere first." }),
    publishStatus: z
      .enum(MEDIUM_STATUSES, { error: "Status must be public, draft or unlisted" })
      .optional()
      .meta({ title: "Status", optionLabels: STATUS_LABELS, emptyLabel: "Public" }),
    publication: z
      .string({ error: "Publication must be the id of a Medium publication" })
      .regex(/^[0-9a-f]{1,64}$/, { error: "Publication must be the id of a Medium publication" })
      .optional()
      .meta({
        title: "Publication",
        description: "Publish in a publication you write for instead of on your profile; writers may only submit drafts.",
        choices: "channel",
        emptyLabel: "My profile",
      }),
    license: z
      .enum(MEDIUM_LICENSES, { error: `License must be one of: ${MEDIUM_LICENSES.join(", ")}` })
      .optional()
      .meta({ title: "License", optionLabels: LICENSE_LABELS, emptyLabel: "All rights reserved" }),
    notifyFollowers: z
      .boolean({ error: "Notify followers must be true or false" })
      .optional()
      .meta({ title: "Notify followers", description: "Tell your followers that you published." }),
  })
  .meta({ title: "Medium settings" });

export type MediumSettings = z.infer<typeof mediumSettings>;
