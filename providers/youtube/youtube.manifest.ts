import type { PlatformManifest } from "../core/manifest";
import { youtubeSettings, type YoutubeSettings } from "./youtube.settings";

// YouTube (../shared/platforms/youtube.md, checked against developers.google.com/youtube: the
// Data API v3 videos.insert, the resumable upload guide, the quota cost table, and the Analytics
// API v2 reports), as data the browser may load.

const GB = 1024 * 1024 * 1024;

export const youtubeManifest = {
  identifier: "youtube",
  name: "YouTube",
  badge: { text: "YT", colour: "#b91c1c", icon: "youtube" },
  // §1: Google OAuth 2.0 (offline access for a refresh token), then the channel is picked from
  // channels.list?mine=true. youtube.upload covers videos.insert and thumbnails.set; youtube.readonly
  // the channel list, categories and video statistics; yt-analytics.readonly the Analytics API reports.
  auth: {
    kind: "oauth2-pick",
    scopes: [
      "https://www.googleapis.com/auth/youtube.upload",
      "https://www.googleapis.com/auth/youtube.readonly",
      "https://www.googleapis.com/auth/yt-analytics.readonly",
    ],
  },
  // §2: the post's text is the video's description, plain text (YouTube links URLs itself).
  editor: "normal",
  // §3: the description is limited to 5,000 bytes (videos resource, snippet.description).
  counting: "utf8-bytes",
  maxLength: 5000,
  // videos resource: the description "cannot contain the < and > characters".
  forbiddenCharacters: "<>",
  // §3: one upload at a time per server: each is large, and the daily quota is per app.
  maxConcurrentJob: 1,
  // §1: access tokens last an hour and are renewed with the refresh token (offline access).
  oneTimeToken: false,
  media: {
    // §2: exactly one video per post; YouTube has no text, image or poll posts in the Data API.
    maxItems: 1,
    minItems: 1,
    // videos.insert: "Maximum file size: 256GB; accepted media MIME types: video/*,
    // application/octet-stream". The types listed are those this server recognises. Up to 15
    // minutes for unverified channels, 12 hours for verified ones: 12 hours is the documented most.
    video: {
      mimeTypes: ["video/mp4", "video/quicktime", "video/webm"],
      maxBytes: 256 * GB,
      maxCount: 1,
      durationSeconds: { max: 12 * 3600 },
    },
    mixKinds: false,
    // §2: the resumable protocol sends the file in 256 KiB-multiple chunks read from storage.
    streamed: true,
  },
  settings: youtubeSettings,
  // §5: channel figures per day from the Analytics API; a video's counters from videos.list statistics.
  analytics: { account: true, post: true },
  // §2: the video exists only once its last byte has arrived. A lost answer is settled by asking the
  // upload session for its status (PUT with Content-Range: bytes */<size>): complete means the
  // video resource comes back and is adopted; incomplete means the upload continues from the
  // offset YouTube reports, so nothing is uploaded twice (findPublished).
  publishSafety: "reconcile",
  // developers.google.com/youtube/v3/determine_quota_cost (2026): videos.insert has its own bucket
  // of 100 calls a day (1 each); everything else shares 10,000 units (thumbnails.set 50, lists 1).
  // Reset at midnight Pacific Time.
  quota: {
    buckets: { uploads: { label: "video uploads", perDay: 100 }, units: { label: "API units", perDay: 10_000 } },
    perPost: { uploads: 1, units: 52 },
    resetTimeZone: "America/Los_Angeles",
    warnAt: 0.8,
  },
  env: {
    credentials: ["YOUTUBE_CLIENT_ID", "YOUTUBE_CLIENT_SECRET"],
    hosts: [
      { name: "auth", envVar: "YOUTUBE_AUTH_URL", default: "https://accounts.google.com" },
      { name: "token", envVar: "YOUTUBE_TOKEN_URL", default: "https://oauth2.googleapis.com" },
      { name: "api", envVar: "YOUTUBE_API_URL", default: "https://www.googleapis.com" },
      { name: "analytics", envVar: "YOUTUBE_ANALYTICS_URL", default: "https://youtubeanalytics.googleapis.com" },
      { name: "web", envVar: "YOUTUBE_WEB_URL", default: "https://www.youtube.com" },
    ],
  },
} satisfies PlatformManifest<YoutubeSettings>;
