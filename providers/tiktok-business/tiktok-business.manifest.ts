import type { PlatformManifest } from "../core/manifest";
import { tiktokBusinessSettings, type TiktokBusinessSettings } from "./tiktok-business.settings";

// TikTok API for Business v1.3, the TikTok Accounts API (../shared/platforms/tiktok-business.md),
// as data the browser may load. A separate product and app from the Content Posting API ("tiktok").

const MB = 1024 * 1024;

export const tiktokBusinessManifest = {
  identifier: "tiktok-business",
  name: "TikTok for Business",
  badge: { text: "TB", colour: "#0f172a", icon: "tiktok" },
  // §1: the account's profile, stats and insights, its videos, and publishing (drafts need video.upload).
  auth: {
    kind: "oauth2",
    scopes: [
      "user.info.basic",
      "user.info.username",
      "user.info.stats",
      "user.insights",
      "video.list",
      "video.insights",
      "video.publish",
      "video.upload",
    ],
  },
  editor: "normal",
  // §3: video captions ≤2,200 UTF-16 units (photo captions ≤4,000; the smaller applies to both here).
  counting: "chars",
  maxLength: 2200,
  maxConcurrentJob: 1,
  oneTimeToken: false,
  media: {
    // §2: TikTok downloads every file from its URL (no byte upload), from a domain verified as a
    // URL property of the app: attachments go by link only, an upload as its signed public URL
    // (refused before scheduling while this server has no public address).
    // TikTok takes up to 35 photos; a post item here carries at most 20 attachments.
    maxItems: 20,
    minItems: 1,
    video: {
      mimeTypes: ["video/mp4", "video/quicktime", "video/webm"],
      maxBytes: 1024 * MB,
      maxCount: 1,
      dimensions: { minWidth: 360, minHeight: 360 },
      durationSeconds: { min: 3, max: 600 },
    },
    // §3: JPEG and WebP only (no PNG), up to 20 MB and 1080×1920 each, up to 35 per post.
    image: { mimeTypes: ["image/jpeg", "image/webp"], maxBytes: 20 * MB, maxCount: 20, dimensions: { maxWidth: 1920, maxHeight: 1920 } },
    mixKinds: false,
    byLinkOnly: true,
  },
  settings: tiktokBusinessSettings,
  // §5: account totals (/business/get/) and per-video metrics (/business/video/list/).
  analytics: { account: true, post: true },
  // §6: publishing is asynchronous and cannot be undone; there is no idempotency key, and the post
  // id appears only minutes after PUBLISH_COMPLETE (and never for a private post), so a read-back
  // cannot settle a lost answer: it is left unconfirmed.
  publishSafety: "unconfirmed",
  env: {
    credentials: ["TIKTOK_BUSINESS_APP_ID", "TIKTOK_BUSINESS_APP_SECRET"],
    hosts: [
      { name: "auth", envVar: "TIKTOK_BUSINESS_AUTH_URL", default: "https://www.tiktok.com" },
      { name: "api", envVar: "TIKTOK_BUSINESS_API_URL", default: "https://business-api.tiktok.com" },
    ],
    options: [{ envVar: "TIKTOK_BUSINESS_STATUS_POLL_SECONDS", default: "5" }],
  },
  availability: {
    status: "limited",
    // Uploads now go out as signed public URLs; what still limits it is TikTok's own rule that the
    // address's domain be verified for the app, which only the operator can do.
    reason:
      "TikTok downloads every video and photo from its public address, and takes only addresses on a domain verified as a URL property of your TikTok app: verify this server's media domain (APP_URL, or your S3 bucket's) there",
  },
} satisfies PlatformManifest<TiktokBusinessSettings>;
