import type { PlatformManifest } from "../core/manifest";
import { telegramSettings, type TelegramSettings } from "./telegram.settings";

// Telegram through the Bot API (../shared/platforms/telegram.md; core.telegram.org/bots/api), as
// data the browser may load. One bot per deployment (TELEGRAM_BOT_TOKEN); a channel here is a
// Telegram channel or group the bot was added to and linked with a one-time /connect code.

const MB = 1024 * 1024;

export const telegramManifest = {
  identifier: "telegram",
  name: "Telegram",
  badge: { text: "Tg", colour: "#1c6a9c", icon: "telegram" },
  // No form: the user adds the bot as an administrator and sends the code the Channels page shows;
  // the app reads it with getUpdates (lib/channels/link-codes.ts, providers/telegram/telegram.link.ts).
  auth: {
    kind: "bot",
    fields: [],
    instructions:
      "Add this server's Telegram bot to your channel or group as an administrator allowed to post messages, then send the command below in that chat. The code works once and expires after 10 minutes.",
    link: { command: "/connect", ttlMinutes: 10 },
  },
  // The composer's rich text, sent with parse_mode HTML after sanitising to the tags Telegram
  // takes (lib/markup/profiles.ts "telegram-html"; providers/telegram/telegram.html.ts).
  editor: "html",
  markup: "telegram-html",
  // "1-4096 characters after entities parsing": counted on the visible text, per code point.
  counting: "chars",
  maxLength: 4096,
  // Bot FAQ: about 20 messages a minute to one group; one at a time per platform keeps well under.
  maxConcurrentJob: 1,
  // The bot token never expires; a chat that removed the bot must be linked again.
  oneTimeToken: true,
  // Follow-ups are replies to the previous message (reply_parameters.message_id).
  threads: { kind: "replies", maxItems: 20 },
  // sendPoll: 2-12 options of 1-100 characters (Bot API 10.x), open_period 5-2,628,000 s; a poll
  // carries no media, and the item's text becomes the question (1-300 characters).
  polls: {
    minOptions: 2,
    maxOptions: 12,
    maxOptionLength: 100,
    durationMinutes: { min: 1, max: 43_800 },
    withMedia: false,
    maxQuestionLength: 300,
  },
  media: {
    // Albums (sendMediaGroup) hold 2-10 items of one kind here: photos, videos, or GIFs sent as documents.
    maxItems: 10,
    // Multipart uploads: photos up to 10 MB, other files up to 50 MB ("Sending files").
    image: {
      mimeTypes: ["image/jpeg", "image/png", "image/webp"],
      maxBytes: 10 * MB,
      maxCount: 10,
      dimensions: { maxWidth: 10_000, maxHeight: 10_000 },
    },
    video: { mimeTypes: ["video/mp4"], maxBytes: 50 * MB, maxCount: 10 },
    gif: { mimeTypes: ["image/gif"], maxBytes: 50 * MB, maxCount: 10 },
    // Photos and videos could share an album, documents (our GIFs) cannot: one kind per item keeps every item sendable.
    mixKinds: false,
    // "0-1024 characters after entities parsing" for a caption.
    maxCaptionLength: 1024,
  },
  settings: telegramSettings,
  // The Bot API has no view counts for messages.
  analytics: { account: false, post: false },
  // No idempotency key, and a bot cannot read a channel's history to find what it sent: a lost
  // answer is left unconfirmed for the user to check.
  publishSafety: "unconfirmed",
  env: {
    credentials: ["TELEGRAM_BOT_TOKEN"],
    hosts: [{ name: "api", envVar: "TELEGRAM_API_URL", default: "https://api.telegram.org" }],
  },
} satisfies PlatformManifest<TelegramSettings>;
