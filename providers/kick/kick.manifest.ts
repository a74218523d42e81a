import type { PlatformManifest } from "../core/manifest";
import { kickSettings, type KickSettings } from "./kick.settings";

// Kick's public API (../shared/platforms/kick.md), as data the browser may load. A post is a chat
// message in the connected user's own channel.

export const kickManifest = {
  identifier: "kick",
  name: "Kick",
  badge: { text: "K", colour: "#166534", icon: "kick" },
  // §1: OAuth 2.1 with PKCE (S256 required). user:read reads the account, channel:read its channel
  // (the slug for links), chat:write sends chat messages.
  auth: { kind: "oauth2", scopes: ["user:read", "channel:read", "chat:write"] },
  // §2: plain text; links stay plain text.
  editor: "normal",
  counting: "chars",
  // §3: a chat message's content takes at most 500 characters.
  maxLength: 500,
  // §3: no documented rate limits; chat is one conversation, so one message at a time.
  maxConcurrentJob: 1,
  // §1: access tokens last about 2 hours; every refresh returns a new refresh token (stored each time).
  oneTimeToken: false,
  // §2: no media in chat: text only.
  media: { maxItems: 0, mixKinds: false },
  settings: kickSettings,
  // §5: the public API has no figures for chat messages.
  analytics: { account: false, post: false },
  // §2: POST /public/v1/chat takes no idempotency key, and the public API cannot read chat back: a
  // lost answer is marked unconfirmed for the user to check the chat.
  publishSafety: "unconfirmed",
  env: {
    credentials: ["KICK_CLIENT_ID", "KICK_CLIENT_SECRET"],
    hosts: [
      // The OAuth server (a different host from the API): /oauth/authorize, /oauth/token.
      { name: "auth", envVar: "KICK_AUTH_URL", default: "https://id.kick.com" },
      // The public API: /public/v1/users, /public/v1/channels, /public/v1/chat.
      { name: "api", envVar: "KICK_API_URL", default: "https://api.kick.com" },
      // The site the links point at (https://kick.com/<channel slug>): chat messages have no permalink.
      { name: "web", envVar: "KICK_WEB_URL", default: "https://kick.com" },
    ],
  },
} satisfies PlatformManifest<KickSettings>;
