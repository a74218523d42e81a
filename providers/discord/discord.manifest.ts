import type { PlatformManifest } from "../core/manifest";
import { discordSettings, type DiscordSettings } from "./discord.settings";

// Discord through our bot (../shared/platforms/discord.md), as data the browser may load.

const MIB = 1024 * 1024;

/**
 * The bot's permissions, asked for at install (permissions.mdx bit values): VIEW_CHANNEL 1<<10,
 * SEND_MESSAGES 1<<11, EMBED_LINKS 1<<14, ATTACH_FILES 1<<15, CREATE_PUBLIC_THREADS 1<<35,
 * SEND_MESSAGES_IN_THREADS 1<<38 = 309237697536 (tests/providers/discord checks the sum).
 */
export const DISCORD_BOT_PERMISSIONS = "309237697536";

export const discordManifest = {
  identifier: "discord",
  name: "Discord",
  badge: { text: "Di", colour: "#4752c4", icon: "discord" },
  // §1: the server admin installs our bot (scope "bot" with DISCORD_BOT_PERMISSIONS); "identify" is
  // the one other scope, which makes the install a full code grant whose token answer names the
  // server (`guild`). The user then picks the server's text or announcement channel.
  auth: { kind: "oauth2-pick", scopes: ["bot", "identify"] },
  // §2: Discord renders its own markdown; the composer's markdown is converted (discord.markdown.ts).
  editor: "markdown",
  counting: "chars",
  // §3: a message's content is at most 2,000 characters (checked again after conversion).
  maxLength: 2000,
  // §3: per-route buckets of a few messages per seconds per channel; one publish at a time keeps well inside them.
  maxConcurrentJob: 2,
  // §1: posting uses the deployment's bot token (DISCORD_BOT_TOKEN), which does not expire; the user's
  // own OAuth token only serves the install and is not kept alive. The bot leaving the server means
  // installing it again (reconnect), so there is nothing to refresh.
  oneTimeToken: true,
  // §2: follow-ups go into a thread started from the message (POST …/messages/{id}/threads), each a
  // message in that thread: comments under the first message.
  threads: { kind: "comments", maxItems: 25 },
  // §2 poll.mdx: up to 10 answers (Discord takes 1; a poll here has at least 2, as everywhere in the composer) of at most 55 characters, a duration in hours up to 32 days
  // (768 h); the durations are the ones Discord's own client offers, plus its maximum.
  polls: {
    minOptions: 2,
    maxOptions: 10,
    maxOptionLength: 55,
    durationMinutes: { choices: [60, 240, 480, 1440, 4320, 10080, 20160, 46080] },
    withMedia: false,
  },
  media: {
    // §3: up to 10 attachments per message, 10 MiB each on a server without boosts; a description
    // (alt text) of up to 1,024 characters per attachment.
    maxItems: 10,
    image: { mimeTypes: ["image/png", "image/jpeg", "image/gif", "image/webp"], maxBytes: 10 * MIB, maxCount: 10 },
    video: { mimeTypes: ["video/mp4", "video/webm", "video/quicktime"], maxBytes: 10 * MIB, maxCount: 10 },
    mixKinds: true,
    maxAltTextLength: 1024,
  },
  settings: discordSettings,
  // §5: Discord has no message metrics.
  analytics: { account: false, post: false },
  // §2: Create Message takes a `nonce` (≤25 characters) with `enforce_nonce: true`: a message with the
  // same nonce by the same bot in the past few minutes is returned instead of made again. The nonce is
  // derived from the publish attempt's key, so a repeat after a lost answer (within minutes, the
  // fetch's own retries) answers the first message.
  publishSafety: "idempotency-key",
  env: {
    credentials: ["DISCORD_CLIENT_ID", "DISCORD_CLIENT_SECRET", "DISCORD_BOT_TOKEN"],
    hosts: [
      // The authorize page and the message links (https://discord.com/channels/…).
      { name: "web", envVar: "DISCORD_WEB_URL", default: "https://discord.com" },
      // The REST API, version pinned in the path (reference.mdx: omitting it routes to an old default).
      { name: "api", envVar: "DISCORD_API_URL", default: "https://discord.com/api/v10" },
      // Server icons (a channel's picture).
      { name: "cdn", envVar: "DISCORD_CDN_URL", default: "https://cdn.discordapp.com" },
    ],
  },
} satisfies PlatformManifest<DiscordSettings>;
