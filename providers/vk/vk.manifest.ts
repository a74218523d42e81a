import type { PlatformManifest } from "../core/manifest";
import { vkSettings, type VkSettings } from "./vk.settings";

// VK (../shared/platforms/vk.md, checked against id.vk.com's VK ID docs and dev.vk.com), as data
// the browser may load. Sign-in is VK ID (OAuth 2.1, PKCE); posting is the classic VK API
// (api.vk.com/method/<name>, v=5.199) on the user's wall or a community they manage.

const MB = 1024 * 1024;

export const vkManifest = {
  identifier: "vk",
  name: "VK",
  badge: { text: "VK", colour: "#0050b3", icon: "vk" },
  // §1: VK ID scopes, space-separated: wall (wall.post, wall.createComment, wall.getById), photos (the
  // wall upload server), video (video.save) and groups (groups.get, the communities for the pick).
  auth: { kind: "oauth2-pick", scopes: ["wall", "photos", "video", "groups"] },
  // §2: a wall post's text is plain: VK renders no markup, and makes links in the text clickable itself.
  editor: "normal",
  counting: "chars",
  // §3: wall.post documents no text limit; 16,384 characters is VK's editor cap as other schedulers
  // and VK's community answers give it (unverified in dev.vk.com), kept as this server's cap.
  maxLength: 16_384,
  // §3: a user token gets ~3 requests a second (error 6): one publish at a time.
  maxConcurrentJob: 1,
  // §1: access tokens last an hour and are renewed with a rotating refresh token.
  oneTimeToken: false,
  // §2: follow-ups are comments under the post (wall.createComment).
  threads: { kind: "comments", maxItems: 25 },
  media: {
    // dev.vk.com wall.post: "no more than 10 media (photos, videos)" per post.
    maxItems: 10,
    // dev.vk.com/api/upload/wall-photo: JPG, PNG, GIF up to 50 MB, width + height ≤ 14,000 px,
    // aspect ratio at least 1:20. GIF is left out: the composer treats it as its own kind, and VK
    // turns a wall-uploaded GIF into a still photo.
    image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 50 * MB, maxCount: 10, dimensions: { maxWidth: 13_900, maxHeight: 13_900 } },
    // dev.vk.com video upload: AVI, MP4, 3GP, MPEG, MOV, MP3, FLV, WMV; VK documents no size or length
    // limit there. MP4 and MOV only, and 512 MB as this server's own cap (the file is held in memory).
    video: { mimeTypes: ["video/mp4", "video/quicktime"], maxBytes: 512 * MB, maxCount: 10 },
    mixKinds: false,
  },
  settings: vkSettings,
  // §5: per-post likes, reposts, comments and views from wall.getById; no account figures are read.
  analytics: { account: false, post: true },
  // §2: wall.post and wall.createComment take a `guid` ("unique identifier to avoid duplication of
  // the same post"): the engine's key is sent as it, so a repeat after a lost answer is recognised.
  publishSafety: "idempotency-key",
  env: {
    // VK ID's token exchange is a public PKCE client: the app id only, no secret (§1).
    credentials: ["VK_CLIENT_ID"],
    hosts: [
      { name: "id", envVar: "VK_ID_URL", default: "https://id.vk.com" },
      { name: "api", envVar: "VK_API_URL", default: "https://api.vk.com" },
      { name: "web", envVar: "VK_WEB_URL", default: "https://vk.com" },
    ],
  },
  availability: {
    status: "limited",
    reason: "VK grants the wall permission to apps only on request to its developer support (devsupport@corp.vk.com)",
  },
} satisfies PlatformManifest<VkSettings>;
