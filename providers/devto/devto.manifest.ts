import type { PlatformManifest } from "../core/manifest";
import { devtoSettings, type DevtoSettings } from "./devto.settings";

// DEV (dev.to) and other Forem communities (../shared/platforms/devto.md), as data the browser may
// load. Articles are markdown (body_markdown); the cover image is given to DEV by URL.

const MB = 1024 * 1024;
/** Forem: validates :body_markdown, bytesize: { maximum: 800.kilobytes }. */
const BODY_MAX_BYTES = 800 * 1024;

export const devtoManifest = {
  identifier: "devto",
  name: "DEV",
  badge: { text: "DV", colour: "#0a0a0a", icon: "devdotto" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "site",
        label: "Community",
        type: "url",
        defaultHost: "api",
        placeholder: "https://dev.to",
        help: "Leave as is for dev.to; another Forem community's address otherwise",
      },
      {
        key: "apiKey",
        label: "API key",
        type: "password",
        help: "Generate one under Settings → Extensions → DEV Community API Keys",
      },
    ],
  },
  editor: "markdown",
  counting: "chars",
  // No character limit; the body's limit is in bytes, so both say it.
  maxLength: BODY_MAX_BYTES,
  maxBytes: BODY_MAX_BYTES,
  // Forem throttles API writes to 1 per second per key and IP (Rack::Attack api_write_throttle).
  maxConcurrentJob: 1,
  // API keys never expire; a refused key was revoked and the user must paste a new one.
  oneTimeToken: true,
  media: {
    // One cover image (main_image), which DEV fetches from its URL: there is no upload endpoint.
    // No documented size cap for a cover given by URL; 10 MB is a conservative bound.
    maxItems: 1,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], maxBytes: 10 * MB, maxCount: 1 },
    mixKinds: false,
    byLinkOnly: true,
  },
  settings: devtoSettings,
  // Per article: page views (owner only), reactions and comments from GET /api/articles/me/all.
  analytics: { account: false, post: true },
  // The user's articles (drafts included) are read back to find one whose create answer was lost.
  publishSafety: "reconcile",
  env: {
    credentials: [],
    hosts: [{ name: "api", envVar: "DEVTO_API_URL", default: "https://dev.to" }],
  },
} satisfies PlatformManifest<DevtoSettings>;
