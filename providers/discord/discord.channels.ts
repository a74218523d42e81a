import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { Page } from "../social.integrations.interface";

// The channels a message may go to (guild.mdx Get Guild Channels; channel.mdx channel types): text
// (0) and announcement (5) channels. Forum and media channels take posts through another endpoint,
// voice and categories none, and threads are not listed there.

export const POSTABLE = new Set([0, 5]);

export const channelSchema = z.object({
  id: z.string().min(1),
  type: z.number(),
  name: z.string().nullish(),
  guild_id: z.string().nullish(),
  position: z.number().optional(),
});
export type DiscordChannel = z.infer<typeof channelSchema>;

export function asPage(c: DiscordChannel, guildName: string): Page {
  return { id: c.id, name: `#${c.name ?? c.id} (${guildName})`, username: c.name ?? undefined };
}

/** The guild's postable channels, in their order on the server. */
export function postableChannels(answer: unknown): DiscordChannel[] {
  const parsed = z.array(channelSchema.passthrough()).safeParse(answer);
  if (!parsed.success) throw new ProviderError("retry", "Discord sent a list of channels this server cannot read");
  return parsed.data.filter((c) => POSTABLE.has(c.type)).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}
