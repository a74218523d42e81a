import { createHash } from "node:crypto";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every emulated Discord bot call shares (discord-api-docs reference.mdx, oauth2.mdx,
// opcodes-and-status-codes.mdx): "Authorization: Bot <token>" with the app's bot token, JSON
// errors {"message", "code"}, and the servers ("guilds") the bot was installed into. A server's
// bot stays while one of the installs that added it stands: revoking that grant removes the bot,
// after which Discord answers 403 Missing Access (50001).

export const PLATFORM = "discord";

/** The bot token of the emulator's app (the sandbox's DISCORD_BOT_TOKEN). */
export const SANDBOX_BOT_TOKEN = "emulator-discord-bot-token";

export const discordError = (status: number, code: number, message: string, extra: Record<string, unknown> = {}, headers = {}) =>
  json(status, { message, code, ...extra }, headers);

/** Invalid Form Body (50035), with one field's error under its path, as Discord nests them. */
export function formError(path: (string | number)[], code: string, message: string): EmuResponse {
  let errors: Record<string, unknown> = { _errors: [{ code, message }] };
  for (const key of [...path].reverse()) errors = { [String(key)]: errors };
  return discordError(400, 50035, "Invalid Form Body", { errors });
}

export const unauthorized = () => discordError(401, 0, "401: Unauthorized");

/** Channel types (channel.mdx). */
export const TYPES = { text: 0, voice: 2, category: 4, announcement: 5, publicThread: 11, announcementThread: 10, forum: 15 } as const;

export type Channel = { id: string; type: number; name: string; guildId: string; parentId?: string; position: number };
export type Guild = { id: string; name: string; accountId: string; installs: Set<string>; channels: Channel[] };

/** The emulated servers, threads and message-to-channel index of one emulator. */
export type World = {
  guilds: Map<string, Guild>;
  threads: Map<string, Channel>;
  /** message id → the channel it was sent in. */
  messages: Map<string, { channelId: string; guildId: string }>;
};

export const newWorld = (): World => ({ guilds: new Map(), threads: new Map(), messages: new Map() });

/** A snowflake-like id (digits, 18 long) for a server, stable per account. */
function guildIdOf(accountId: string): string {
  const n = BigInt(`0x${createHash("sha1").update(accountId).digest("hex").slice(0, 15)}`) % 10n ** 17n;
  return String(10n ** 17n + n);
}

/** The account's server, created at its first install, and the grant that installed the bot. */
export function install(world: World, accountId: string, accountName: string, grantId: string): Guild {
  const id = guildIdOf(accountId);
  let g = world.guilds.get(id);
  if (!g) {
    const ch = (suffix: string, type: number, name: string, position: number): Channel => ({
      id: `${id}${suffix}`,
      type,
      name,
      guildId: id,
      position,
    });
    g = {
      id,
      name: `${accountName}'s server`,
      accountId,
      installs: new Set(),
      channels: [
        ch("04", TYPES.category, "Text Channels", 0),
        ch("01", TYPES.text, "general", 1),
        ch("02", TYPES.announcement, "announcements", 2),
        ch("03", TYPES.voice, "General", 3),
        ch("05", TYPES.forum, "ideas", 4),
      ],
    };
    world.guilds.set(id, g);
  }
  g.installs.add(grantId);
  return g;
}

/** Whether the bot is still in the server: one of its installs' grants stands. */
export function botIsIn(state: EmulatorState, g: Guild): boolean {
  return [...g.installs].some((gid) => state.grants.get(gid)?.revoked === false);
}

/** The bot's token check: 401 Unauthorized for none or a wrong one. */
export function requireBot(req: EmuRequest): EmuResponse | undefined {
  const auth = req.headers.authorization ?? "";
  if (auth !== `Bot ${SANDBOX_BOT_TOKEN}`) return unauthorized();
  return undefined;
}

/** A channel or thread the bot can see, or Discord's answer: 404 Unknown Channel, 403 Missing Access. */
export function channelFor(state: EmulatorState, world: World, id: string): { channel: Channel; guild: Guild } | EmuResponse {
  const channel = world.threads.get(id) ?? [...world.guilds.values()].flatMap((g) => g.channels).find((c) => c.id === id);
  const guild = channel && world.guilds.get(channel.guildId);
  if (!channel || !guild) return discordError(404, 10003, "Unknown Channel");
  if (!botIsIn(state, guild)) return discordError(403, 50001, "Missing Access");
  return { channel, guild };
}

export const channelObject = (c: Channel) => ({
  id: c.id,
  type: c.type,
  guild_id: c.guildId,
  name: c.name,
  position: c.position,
  parent_id: c.parentId ?? null,
});
