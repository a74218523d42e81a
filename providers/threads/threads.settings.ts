import { z } from "zod";

// A Threads post's settings (posts doc, container parameters): who may reply (reply_control) and
// one topic tag (topic_tag: 1–50 characters, no period or ampersand). Both optional: Threads'
// defaults are "everyone" and no tag.

const REPLY_CONTROLS = ["everyone", "accounts_you_follow", "mentioned_only"] as const;
const REPLY_LABELS: Record<(typeof REPLY_CONTROLS)[number], string> = {
  everyone: "Everyone",
  accounts_you_follow: "Profiles you follow",
  mentioned_only: "Profiles mentioned in the post",
};

export const threadsSettings = z
  .object({
    replyControl: z
      .enum(REPLY_CONTROLS, { error: "Who can reply must be everyone, accounts_you_follow or mentioned_only" })
      .optional()
      .meta({
        title: "Who can reply",
        emptyLabel: "Everyone (Threads' default)",
        optionLabels: REPLY_LABELS,
      }),
    topicTag: z
      .string()
      .trim()
      .min(1, "A topic is 1 to 50 characters")
      .max(50, "A topic is 1 to 50 characters")
      .regex(/^[^.&]+$/, "A topic cannot contain a period (.) or an ampersand (&)")
      .optional()
      .meta({ title: "Topic", description: "One topic tag for the post, without the #" }),
  })
  .meta({ title: "Threads settings" });

export type ThreadsSettings = z.infer<typeof threadsSettings>;
