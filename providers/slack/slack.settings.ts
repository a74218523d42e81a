import { z } from "zod";

// Slack's per-post settings (../shared/platforms/slack.md §2; chat.postMessage arguments). The
// channel is picked when connecting (one Postmill channel is one Slack channel).

export const slackSettings = z
  .object({
    unfurlLinks: z.boolean().optional().meta({
      title: "Show link previews",
      description: "Let Slack unfurl links in the text into previews (unfurl_links)",
    }),
    broadcastReplies: z.boolean().optional().meta({
      title: "Also send follow-ups to the channel",
      description: "Thread replies are shown in the channel too (reply_broadcast)",
    }),
  })
  .meta({ title: "Slack settings" });

export type SlackSettings = z.infer<typeof slackSettings>;
