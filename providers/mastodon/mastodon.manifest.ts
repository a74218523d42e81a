import type { PlatformManifest } from "../core/manifest";
import { mastodonSettings, type MastodonSettings } from "./mastodon.settings";

// What a Mastodon server accepts by default (../shared/platforms/mastodon.md), as data the browser
// may load. Each server may set its own limits; the ones read at connection are kept on the channel.

const MB = 1024 * 1024;

export const mastodonManifest = {
  identifier: "mastodon",
  name: "Mastodon",
  badge: { text: "Ma", colour: "#563acc", icon: "mastodon" },
  // `profile` arrived in 4.3; older servers get read:accounts instead (mastodon.instance.ts).
  auth: {
    kind: "instance-oauth",
    scopes: ["write:statuses", "write:media", "profile"],
    instanceField: { label: "Mastodon server", placeholder: "mastodon.social", defaultValue: "https://mastodon.social" },
  },
  editor: "normal",
  counting: "mastodon",
  maxLength: 500,
  maxLengthPerServer: true,
  maxConcurrentJob: 5,
  // Tokens do not expire and cannot be refreshed: a refused one means reconnect.
  oneTimeToken: true,
  threads: { kind: "replies", maxItems: 25 },
  polls: { minOptions: 2, maxOptions: 4, maxOptionLength: 50, durationMinutes: { min: 5, max: 43_829 }, withMedia: false },
  media: {
    maxItems: 4,
    image: {
      mimeTypes: ["image/png", "image/jpeg", "image/webp", "image/gif", "image/heic", "image/avif"],
      maxBytes: 16 * MB,
      maxCount: 4,
    },
    video: { mimeTypes: ["video/mp4", "video/x-m4v", "video/quicktime", "video/webm"], maxBytes: 99 * MB, maxCount: 1 },
    mixKinds: false,
    // The media attachment's description: 1,500 characters (configuration.media_attachments.description_limit).
    maxAltTextLength: 1500,
  },
  settings: mastodonSettings,
  // Account figures are current totals only (followers today); see mastodon.analytics.ts.
  analytics: { account: true, post: true },
  // Mastodon honours Idempotency-Key for an hour: a repeat returns the status already made.
  publishSafety: "idempotency-key",
  // The server fetches a link of the status and shows its preview card by itself.
  linkCard: "auto",
  env: {
    // Apps are registered on each server as users connect, so there is nothing to configure.
    credentials: [],
    // An operator override (or the sandbox) pins every connection to one server.
    hosts: [{ name: "instance", envVar: "MASTODON_INSTANCE_URL", default: null }],
  },
} satisfies PlatformManifest<MastodonSettings>;
