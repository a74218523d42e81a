import type { PlatformManifest } from "../core/manifest";
import { pinterestSettings, type PinterestSettings } from "./pinterest.settings";

// Pinterest through API v5 (../shared/platforms/pinterest.md), as data the browser may load.

const MB = 1024 * 1024;

export const pinterestManifest = {
  identifier: "pinterest",
  name: "Pinterest",
  badge: { text: "Pi", colour: "#bd081c", icon: "pinterest" },
  // §1: reading the boards and the profile, creating pins, and the account and pin analytics
  // (user_accounts:read covers the profile and account analytics; pins:read the pin analytics and
  // the read-back of recent pins). Scopes are comma-separated on Pinterest's authorize page.
  auth: { kind: "oauth2", scopes: ["boards:read", "pins:read", "pins:write", "user_accounts:read"] },
  // §2: a pin's description is plain text (links in it are not clickable; the link is a setting).
  editor: "normal",
  counting: "chars",
  // §3: the OpenAPI spec allows 800, Pinterest's help pages say 500: 500 is what every pin keeps.
  maxLength: 500,
  // §3: 100 requests/second per user is far above what one channel's publishes need; the
  // per-category write limits are per user per app, so one publish at a time per channel is safe.
  maxConcurrentJob: 2,
  // §1: refresh tokens exist and rotate (continuous refresh).
  oneTimeToken: false,
  media: {
    // §2: a pin is one image, one video, or a carousel of 2–5 images; never text alone.
    maxItems: 5,
    minItems: 1,
    // §2: image_base64 takes image/jpeg and image/png. 20 MB is the size Pinterest's help centre
    // gives for image pins (the API reference names no byte limit).
    image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 20 * MB, maxCount: 5 },
    // §3 (help centre): MP4/MOV/M4V, up to 2 GB, 4 seconds to 15 minutes; one video per pin. 2,047 MB
    // is the largest file the media library records (its size is a 32-bit integer).
    video: {
      mimeTypes: ["video/mp4", "video/quicktime", "video/x-m4v"],
      maxBytes: 2047 * MB,
      maxCount: 1,
      durationSeconds: { min: 4, max: 15 * 60 },
    },
    mixKinds: false,
    // §2/§3: a pin's alt_text, at most 500 characters.
    maxAltTextLength: 500,
  },
  settings: pinterestSettings,
  // §5: GET /v5/user_account/analytics and GET /v5/pins/{id}/analytics.
  analytics: { account: true, post: true },
  // §6: POST /v5/pins takes no idempotency key, but GET /v5/pins lists the account's pins with
  // their descriptions and creation times: a create whose answer was lost is settled by reading
  // them back (findPublished), and the pin adopted, rather than pinned twice.
  publishSafety: "reconcile",
  env: {
    credentials: ["PINTEREST_CLIENT_ID", "PINTEREST_CLIENT_SECRET"],
    hosts: [
      // The consent page is www.pinterest.com/oauth/; every API call (token included) is api.pinterest.com/v5.
      { name: "auth", envVar: "PINTEREST_AUTH_URL", default: "https://www.pinterest.com" },
      { name: "api", envVar: "PINTEREST_API_URL", default: "https://api.pinterest.com" },
    ],
  },
} satisfies PlatformManifest<PinterestSettings>;
