import { z } from "zod";

// Telegram's per-post options (sendMessage / sendPhoto / sendMediaGroup / sendPoll parameters of
// the Bot API): all optional, so a post needs none of them.
export const telegramSettings = z
  .object({
    silent: z.boolean({ error: "Send silently must be true or false" }).optional().meta({
      title: "Send silently",
      description: "Members get the message without a notification sound (disable_notification).",
    }),
    noLinkPreview: z.boolean({ error: "Hide link preview must be true or false" }).optional().meta({
      title: "Hide link preview",
      description: "No preview of the first link under a text message (link_preview_options.is_disabled).",
    }),
    protectContent: z.boolean({ error: "Protect content must be true or false" }).optional().meta({
      title: "Protect content",
      description: "Members cannot forward or save the message (protect_content).",
    }),
  })
  .meta({ title: "Telegram settings" });

export type TelegramSettings = z.infer<typeof telegramSettings>;
