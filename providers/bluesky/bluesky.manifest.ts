import type { PlatformManifest } from "../core/manifest";
import { blueskySettings, type BlueskySettings } from "./bluesky.settings";

// Bluesky on any PDS (../shared/platforms/bluesky.md), as data the browser may load.

export const blueskyManifest = {
  identifier: "bluesky",
  name: "Bluesky",
  badge: { text: "Bs", colour: "#0b57d0", icon: "bluesky" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "service",
        label: "Service",
        type: "url",
        defaultHost: "service",
        placeholder: "https://bsky.social",
        help: "Your PDS; leave as is for bsky.social accounts",
      },
      { key: "identifier", label: "Handle", type: "text", placeholder: "alice.bsky.social", help: "Your handle, DID or account email" },
      {
        key: "password",
        label: "App password",
        type: "password",
        placeholder: "xxxx-xxxx-xxxx-xxxx",
        help: "An app password from Settings → App passwords, not your main password",
      },
    ],
  },
  editor: "normal",
  counting: "graphemes",
  maxLength: 300,
  // app.bsky.feed.post text: maxGraphemes 300 and maxLength 3,000 bytes.
  maxBytes: 3000,
  maxConcurrentJob: 2,
  oneTimeToken: false,
  threads: { kind: "replies", maxItems: 25 },
  media: {
    maxItems: 4,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/webp", "image/gif"], maxBytes: 1_000_000, maxCount: 4 },
    video: { mimeTypes: ["video/mp4"], maxBytes: 52_428_800, maxCount: 1 },
    mixKinds: false,
    // The lexicon sets no limit on an image's alt; Bluesky's own app stops at 2,000 characters,
    // so longer text could not be edited there.
    maxAltTextLength: 2000,
  },
  settings: blueskySettings,
  // Account figures are current totals only (followers today); see bluesky.analytics.ts.
  analytics: { account: true, post: true },
  // createRecord with an rkey derived from the attempt: a repeat finds the record already there.
  publishSafety: "idempotency-key",
  // No card unless the record carries app.bsky.embed.external (bluesky.md: "client must fetch OG metadata itself").
  linkCard: "card",
  env: {
    credentials: [],
    hosts: [
      // The PDS a user connects to unless they name their own.
      { name: "service", envVar: "BLUESKY_SERVICE_URL", default: "https://bsky.social" },
      { name: "web", envVar: "BLUESKY_WEB_URL", default: "https://bsky.app" },
    ],
  },
} satisfies PlatformManifest<BlueskySettings>;
