import { z } from "zod";

// Discord's per-post settings (../shared/platforms/discord.md §2). The channel itself is picked when
// connecting (one Postmill channel is one Discord text or announcement channel), so a post only says
// whether its mentions notify, and what the thread holding its follow-ups is called.

export const discordSettings = z
  .object({
    notify: z.boolean().optional().meta({
      title: "Notify mentions",
      description: "Let @everyone, @here, role and member mentions in the text notify people (off: they show but ping nobody)",
    }),
    threadName: z
      .string()
      .trim()
      .min(1, "A thread name needs at least 1 character")
      .max(100, "A Discord thread name is at most 100 characters")
      .optional()
      .meta({ title: "Thread name", description: "The name of the thread that holds the follow-ups (default: Follow-ups)" }),
  })
  .meta({ title: "Discord settings" });

export type DiscordSettings = z.infer<typeof discordSettings>;
