import type { PlatformManifest } from "../core/manifest";
import { twitchSettings, type TwitchSettings } from "./twitch.settings";

// Twitch (../shared/platforms/twitch.md), as data the browser may load. A post is a line in the
// connected broadcaster's own chat: a chat message or an announcement (settings "Send as").

export const twitchManifest = {
  identifier: "twitch",
  name: "Twitch",
  badge: { text: "Tw", colour: "#6441a5", icon: "twitch" },
  auth: {
    kind: "oauth2",
    // §1: user:write:chat sends chat messages (Send Chat Message with a user token);
    // moderator:manage:announcements sends announcements (the broadcaster is its own moderator).
    scopes: ["user:write:chat", "moderator:manage:announcements"],
    // §1, dev.twitch.tv/docs/authentication/validate-tokens: apps keeping a user's session "must
    // validate the OAuth token when it starts and on an hourly basis thereafter".
    validateEvery: 3600,
  },
  // §2: plain text; emotes are typed by name, links stay plain text.
  editor: "normal",
  counting: "chars",
  // §3: a chat message or an announcement takes at most 500 characters.
  maxLength: 500,
  // §3: announcements are limited to one every 2 seconds per broadcaster: one publish at a time.
  maxConcurrentJob: 1,
  // §1: user access tokens expire (hours) and are renewed with their refresh token, which may change.
  oneTimeToken: false,
  // §2: chat has no media upload: text only.
  media: { maxItems: 0, mixKinds: false },
  settings: twitchSettings,
  // §5: Helix has no figures for chat messages.
  analytics: { account: false, post: false },
  // §2: neither call takes an idempotency key, and chat cannot be read back with these scopes: a
  // lost answer is marked unconfirmed for the user to check the chat.
  publishSafety: "unconfirmed",
  // §2: an announcement is answered 204 with no id (a chat message's message_id is kept); messages
  // have no permalink either, so the link is always the channel's page.
  returnsPostId: false,
  env: {
    credentials: ["TWITCH_CLIENT_ID", "TWITCH_CLIENT_SECRET"],
    hosts: [
      // The OAuth server: /oauth2/authorize, /oauth2/token, /oauth2/validate.
      { name: "auth", envVar: "TWITCH_AUTH_URL", default: "https://id.twitch.tv" },
      // Helix: /helix/users, /helix/chat/messages, /helix/chat/announcements.
      { name: "api", envVar: "TWITCH_API_URL", default: "https://api.twitch.tv" },
      // The public site the links point at (https://www.twitch.tv/<login>).
      { name: "web", envVar: "TWITCH_WEB_URL", default: "https://www.twitch.tv" },
    ],
  },
} satisfies PlatformManifest<TwitchSettings>;
