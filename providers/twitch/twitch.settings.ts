import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// Twitch's per-post settings (../shared/platforms/twitch.md §2): a post goes to the connected
// broadcaster's own chat either as a plain chat message (Send Chat Message) or as a highlighted
// announcement (Send Chat Announcement), which has a colour.

const kinds = ["message", "announcement"] as const;
const colours = ["primary", "blue", "green", "orange", "purple"] as const;

export const twitchSettings = z
  .object({
    sendAs: z
      .enum(kinds)
      .default("message")
      .meta({
        title: "Send as",
        description: "A chat message, or an announcement highlighted in chat (needs the announcement permission)",
        optionLabels: { message: "Chat message", announcement: "Announcement" } satisfies OptionLabels<(typeof kinds)[number]>,
      }),
    colour: z
      .enum(colours)
      .default("primary")
      .meta({
        title: "Colour",
        description: "The announcement's highlight colour; ignored for chat messages",
        optionLabels: {
          primary: "The channel's accent colour",
          blue: "Blue",
          green: "Green",
          orange: "Orange",
          purple: "Purple",
        } satisfies OptionLabels<(typeof colours)[number]>,
      }),
  })
  .meta({ title: "Twitch settings" });

export type TwitchSettings = z.infer<typeof twitchSettings>;
