import type { PlatformManifest } from "../core/manifest";
import { xSettings, type XSettings } from "./x.settings";

// What X accepts (../shared/platforms/x.md), as data the browser may load.

const MB = 1024 * 1024;

export const xManifest = {
  identifier: "x",
  name: "X",
  badge: { text: "X", colour: "#0f1419", icon: "x" },
  auth: { kind: "oauth2", scopes: ["tweet.read", "tweet.write", "users.read", "offline.access", "media.write"] },
  editor: "normal",
  counting: "x-weighted",
  maxLength: 280,
  maxConcurrentJob: 10,
  oneTimeToken: false,
  threads: { kind: "replies", maxItems: 25 },
  polls: { minOptions: 2, maxOptions: 4, maxOptionLength: 25, durationMinutes: { min: 5, max: 10080 }, withMedia: false },
  media: {
    maxItems: 4,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], maxBytes: 5 * MB, maxCount: 4 },
    video: { mimeTypes: ["video/mp4", "video/quicktime"], maxBytes: 512 * MB, maxCount: 1 },
    gif: { mimeTypes: ["image/gif"], maxBytes: 15 * MB, maxCount: 1 },
    mixKinds: false,
    // POST /2/media/metadata: metadata.alt_text.text is at most 1,000 characters (X's OpenAPI).
    maxAltTextLength: 1000,
  },
  settings: xSettings,
  analytics: { account: true, post: true },
  // X has no idempotency key; after a lost answer the account's recent posts are read back.
  publishSafety: "reconcile",
  // X reads the link in the text and shows its card itself.
  linkCard: "auto",
  env: {
    credentials: ["X_CLIENT_ID", "X_CLIENT_SECRET"],
    hosts: [
      { name: "auth", envVar: "X_AUTH_URL", default: "https://x.com" },
      { name: "api", envVar: "X_API_URL", default: "https://api.x.com" },
      { name: "web", envVar: "X_WEB_URL", default: "https://x.com" },
    ],
  },
} satisfies PlatformManifest<XSettings>;
