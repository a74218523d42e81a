import type { PlatformManifest } from "../core/manifest";
import { whopSettings, type WhopSettings } from "./whop.settings";

// Whop (../shared/platforms/whop.md), as data the browser may load. A channel is one forum
// experience (exp_…) the signed-in user may post to, picked after sign-in: a scheduler's channel
// is a place posts go, and a forum chosen once at connect time means every post and the calendar
// say where it lands, instead of a required per-post choice the user must repeat on every post.

const MB = 1024 * 1024;
/** No documented body limit (docs.whop.com "Create forum post"); 50,000 characters of Markdown is a generous, conservative bound. */
const BODY_MAX = 50_000;

export const whopManifest = {
  identifier: "whop",
  name: "Whop",
  badge: { text: "Wh", colour: "#c2410c" },
  auth: {
    kind: "oauth2-pick",
    // openid + profile: who signed in (GET /oauth/userinfo); company:basic:read and forum:read: the
    // companies and forums to pick from and the post figures; forum:post:create: posting.
    scopes: ["openid", "profile", "company:basic:read", "forum:read", "forum:post:create"],
  },
  // Forum posts take their body as Markdown (`content`).
  editor: "markdown",
  counting: "chars",
  maxLength: BODY_MAX,
  // No published rate limits; one publish at a time per worker pool is the safe choice.
  maxConcurrentJob: 1,
  // Access tokens last an hour and refresh tokens rotate on every use.
  oneTimeToken: false,
  // Comments are forum posts with a parent_id; no documented cap on a chain, 25 keeps it sane.
  threads: { kind: "comments", maxItems: 25 },
  media: {
    // Attachments go through Whop's files flow (POST /files, PUT to upload_url, wait for "ready").
    // Whop documents no size or count limit for forum attachments; 10 images of 10 MB is conservative.
    maxItems: 10,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], maxBytes: 10 * MB, maxCount: 10 },
    mixKinds: false,
  },
  settings: whopSettings,
  // Per post: views, likes and comments from GET /forum_posts/{id}; no account figures for forums.
  analytics: { account: false, post: true },
  // POST /forum_posts takes no idempotency key; a lost answer is settled by reading the forum back.
  publishSafety: "reconcile",
  env: {
    credentials: ["WHOP_CLIENT_ID", "WHOP_CLIENT_SECRET"],
    hosts: [
      // Authorize, token and userinfo live under https://api.whop.com/oauth/.
      { name: "auth", envVar: "WHOP_AUTH_URL", default: "https://api.whop.com" },
      { name: "api", envVar: "WHOP_API_URL", default: "https://api.whop.com/api/v1" },
    ],
  },
} satisfies PlatformManifest<WhopSettings>;
