import type { PlatformManifest } from "../core/manifest";
import { facebookSettings, type FacebookSettings } from "./facebook.settings";

// Facebook Pages through the Graph API (../shared/platforms/facebook.md, checked against Meta's
// Pages API, Video API and Page Insights docs), as data the browser may load.

const MB = 1024 * 1024;

export const facebookManifest = {
  identifier: "facebook",
  name: "Facebook Page",
  badge: { text: "f", colour: "#1d4ed8", icon: "facebook" },
  // §1: Facebook Login, then the Pages the user manages (GET /me/accounts, each with its own Page
  // token) are offered in the pick step; each picked Page is its own channel. Scopes are
  // comma-separated. pages_show_list lists the Pages, pages_manage_posts and pages_read_engagement
  // publish (Pages API "Posts"), pages_manage_engagement comments, read_insights the figures;
  // publish_video is no longer a separate permission in the current Video API docs.
  auth: {
    kind: "oauth2-pick",
    scopes: ["pages_show_list", "pages_read_engagement", "pages_manage_posts", "pages_manage_engagement", "read_insights"],
  },
  // §2: the message is plain text; Facebook links URLs itself.
  editor: "normal",
  counting: "chars",
  // §3: 63,206 characters is Facebook's post length limit.
  maxLength: 63_206,
  // §3: Page calls fall under Business Use Case limits per Page; one at a time is plenty.
  maxConcurrentJob: 1,
  // §1: no refresh grant. The channel keeps the long-lived (60-day) user token; the Page token is
  // derived from it for each publish. When Facebook stops taking it, the user logs in again.
  oneTimeToken: true,
  // §2: a first comment (and more) goes under the post as POST /{post-id}/comments.
  threads: { kind: "comments", maxItems: 10 },
  media: {
    // §2/§3: up to 10 photos attached to one post (unpublished photos + attached_media), or one video.
    maxItems: 10,
    // Page photos: JPEG, PNG, GIF or WebP, under 4 MB ("Photos should be less than 4 MB", Page Photos reference).
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], maxBytes: 4 * MB, maxCount: 10 },
    // Video API: MP4 (recommended) or MOV; a single-request upload (file_url or source) takes up to 1 GB.
    video: { mimeTypes: ["video/mp4", "video/quicktime"], maxBytes: 1024 * MB, maxCount: 1 },
    mixKinds: false,
  },
  settings: facebookSettings,
  // §5: Page Insights (page_media_view, page_total_media_view_unique, page_post_engagements,
  // page_follows, page_daily_follows) and post insights, read one metric at a time so a deprecated
  // one becomes a gap.
  analytics: { account: true, post: true },
  // §2: no idempotency key on /feed or /photos. A lost answer is settled by reading the Page's
  // feed back (GET /{page-id}/feed, or the post's /comments for a comment) and adopting the post
  // with the same message made since the attempt (findPublished).
  publishSafety: "reconcile",
  // The feed post's `link` names the page; Facebook reads it and builds the card.
  linkCard: "link",
  env: {
    credentials: ["FACEBOOK_CLIENT_ID", "FACEBOOK_CLIENT_SECRET"],
    hosts: [
      { name: "www", envVar: "FACEBOOK_WWW_URL", default: "https://www.facebook.com" },
      { name: "graph", envVar: "FACEBOOK_GRAPH_URL", default: "https://graph.facebook.com" },
      { name: "video", envVar: "FACEBOOK_VIDEO_URL", default: "https://graph-video.facebook.com" },
      // Reels and video Stories send the file to Meta's upload host (Reels Publishing API).
      { name: "rupload", envVar: "FACEBOOK_RUPLOAD_URL", default: "https://rupload.facebook.com" },
    ],
    options: [{ envVar: "FACEBOOK_GRAPH_VERSION", default: "v24.0" }],
  },
} satisfies PlatformManifest<FacebookSettings>;
