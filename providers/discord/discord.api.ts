import { hostOf, sandboxMode } from "../core/hosts";
import { discordManifest } from "./discord.manifest";

// What every Discord call shares (../shared/platforms/discord.md §1): the versioned API host, the
// bot's token in "Authorization: Bot <token>", and the User-Agent Discord requires of bots
// ("DiscordBot ($url, $versionNumber)", reference.mdx; others may be blocked).

export const discordApi = (path: string) => `${hostOf(discordManifest, "api")}${path}`;
export const discordWeb = (path: string) => `${hostOf(discordManifest, "web")}${path}`;

/** The token the sandbox's emulator gives its bot (emulator/platforms/discord, "SANDBOX_BOT_TOKEN"). */
const SANDBOX_BOT_TOKEN = "emulator-discord-bot-token";

/** The deployment's bot token; the emulator's in sandbox mode; empty when unset. */
export function botToken(): string {
  return process.env.DISCORD_BOT_TOKEN || (sandboxMode() ? SANDBOX_BOT_TOKEN : "");
}

export const applyBotToken = (h: Headers, token: string) => h.set("authorization", `Bot ${token}`);

/** Discord asks for "DiscordBot ($url, $versionNumber)": this deployment's address (APP_URL) and the app's version. */
export const discordHeaders = (): Record<string, string> => ({
  "user-agent": `DiscordBot (${process.env.APP_URL || "https://localhost"}, 0.1.0)`,
  accept: "application/json",
});

/** A message's public link. */
export const messageUrl = (guildId: string, channelId: string, messageId: string) =>
  discordWeb(`/channels/${guildId}/${channelId}/${messageId}`);
