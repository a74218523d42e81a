import type { PlatformManifest } from "../core/manifest";
import { tiktokSettings, type TiktokSettings } from "./tiktok.settings";

// TikTok through Login Kit (OAuth v2) and the Content Posting API (../shared/platforms/tiktok.md;
// developers.tiktok.com: content-posting-api-reference-*, content-posting-api-media-transfer-guide,
// content-sharing-guidelines), as data the browser may load.

const MB = 1024 * 1024;

export const tiktokManifest = {
  identifier: "tiktok",
  name: "TikTok",
  badge: { text: "Tk", colour: "#111827", icon: "tiktok" },
  // §1: user.info.basic (open_id, display name, avatar), video.publish (direct post), video.upload
  // (send to the creator's inbox). Profile fields (username) and analytics need user.info.profile,
  // user.info.stats and video.list; they are asked for too, so the link and the figures work.
  auth: {
    kind: "oauth2",
    scopes: ["user.info.basic", "user.info.profile", "user.info.stats", "video.publish", "video.upload", "video.list"],
  },
  // §2: the caption is plain text; hashtags and mentions are words in it.
  editor: "normal",
  // §3: the video title is at most 2,200 UTF-16 code units. Counted here in characters (code
  // points); the provider checks the UTF-16 length before sending, naming the rule.
  counting: "chars",
  maxLength: 2200,
  // §3: init is limited to 6 requests a minute per token, creator_info to 20: one at a time.
  maxConcurrentJob: 1,
  // §1: access tokens are refreshed (the refresh token rotates: the newest is always stored).
  oneTimeToken: false,
  media: {
    // §2: a TikTok post is one video or 1 to 35 photos (no text-only posts, no mix). TikTok takes
    // photos only by PULL_FROM_URL from a URL prefix or domain verified in its developer portal:
    // they are offered when the operator names it (TIKTOK_VERIFIED_MEDIA_PREFIX) and this server's
    // public media address is under it; an upload goes out as its signed public URL. A post item
    // here carries at most 20 attachments.
    maxItems: 20,
    minItems: 1,
    // §3: MP4, MOV or WebM; at least 360 px each side; 3 s up to the creator's
    // max_video_post_duration_sec (creator_info, commonly 600 s; checked again when publishing).
    // Up to 4 GB, sent in chunks read from the media store (streamed below).
    video: {
      mimeTypes: ["video/mp4", "video/quicktime", "video/webm"],
      maxBytes: 4096 * MB,
      maxCount: 1,
      dimensions: { minWidth: 360, minHeight: 360 },
      durationSeconds: { min: 3, max: 600 },
    },
    // photo-post reference: JPEG or WebP (no PNG), up to 20 MB and 1080×1920 each.
    image: {
      mimeTypes: ["image/jpeg", "image/webp"],
      maxBytes: 20 * MB,
      maxCount: 20,
      dimensions: { maxWidth: 1920, maxHeight: 1920 },
      verifiedPrefix: { envVar: "TIKTOK_VERIFIED_MEDIA_PREFIX", where: "in the TikTok developer portal" },
    },
    mixKinds: false,
    // Library videos reach the provider as ranged reads from the media store, never whole in memory.
    streamed: true,
  },
  settings: tiktokSettings,
  // §5: follower/likes/video counts (user info, user.info.stats) and per-video view, like, comment
  // and share counts (video/query, video.list).
  analytics: { account: true, post: true },
  // §2/§6: TikTok has no idempotency key, and a post appears in the video list only after
  // moderation (minutes to hours), so a read-back right after a lost init answer would miss it and
  // post twice. A lost init answer leaves the target unconfirmed for the user to check.
  publishSafety: "unconfirmed",
  env: {
    credentials: ["TIKTOK_CLIENT_KEY", "TIKTOK_CLIENT_SECRET"],
    hosts: [
      { name: "auth", envVar: "TIKTOK_AUTH_URL", default: "https://www.tiktok.com" },
      { name: "api", envVar: "TIKTOK_API_URL", default: "https://open.tiktokapis.com" },
    ],
    options: [
      { envVar: "TIKTOK_STATUS_POLL_SECONDS", default: "5" },
      // The URL prefix (https://…/) or domain verified for PULL_FROM_URL in the developer portal; unset: no photo posts.
      { envVar: "TIKTOK_VERIFIED_MEDIA_PREFIX", default: "" },
    ],
  },
  availability: {
    status: "limited",
    reason:
      "Until TikTok audits your app, every post is private (Only me); photo posts need this server's media address verified in the TikTok developer portal and named in TIKTOK_VERIFIED_MEDIA_PREFIX",
  },
} satisfies PlatformManifest<TiktokSettings>;
