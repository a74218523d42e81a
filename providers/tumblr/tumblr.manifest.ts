import type { PlatformManifest } from "../core/manifest";
import { tumblrSettings, type TumblrSettings } from "./tumblr.settings";

// Tumblr through API v2 and the Neue Post Format (../shared/platforms/tumblr.md; tumblr/docs
// api.md and npf-spec.md), as data the browser may load.

const MB = 1024 * 1024;

export const tumblrManifest = {
  identifier: "tumblr",
  name: "Tumblr",
  badge: { text: "Tu", colour: "#001935", icon: "tumblr" },
  // §1: OAuth 2 (no PKCE documented). "basic" reads /user/info (the blogs to pick from) and the
  // posts and notes read back; "write" creates posts; "offline_access" is what makes Tumblr
  // answer a refresh token at all (access tokens last 42 minutes).
  auth: { kind: "oauth2-pick", scopes: ["basic", "write", "offline_access"] },
  // §2: NPF text blocks carry bold/italic/strikethrough/link ranges and heading, quote and list
  // subtypes: the composer writes Markdown and tumblr.npf.ts turns it into those blocks.
  editor: "markdown",
  // §3: NPF counts text in Unicode code points.
  counting: "chars",
  // §3: a text block holds at most 4,096 code points, but a post holds up to 1,000 blocks (1 MB):
  // longer paragraphs are split across blocks. 100,000 is this server's cap, far inside both.
  maxLength: 100_000,
  // §3: 250 posts a day per user and 1,000 calls an hour per app: one publish at a time.
  maxConcurrentJob: 1,
  // §1: refresh tokens (offline_access) exist and rotate: every refresh answers a new one.
  oneTimeToken: false,
  // No threads: Tumblr's follow-ups are reblogs and replies (notes), which the API does not
  // create as a chain under one's own post; a post is one item.
  media: {
    // §3: Tumblr takes 30 image blocks and 1 uploaded video per post, images and a video together;
    // this app stores at most 20 attachments per post item (lib/posts/schemas.ts), the tighter cap.
    maxItems: 20,
    // Legacy photo posts document 10 MB per image; NPF uploads take the same files (JPEG, PNG,
    // GIF, WebP per the NPF image block's media types).
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], maxBytes: 10 * MB, maxCount: 20 },
    // Video uploads: 500 MB and 10 minutes (api.md, video posts); one uploaded video per post.
    video: { mimeTypes: ["video/mp4", "video/quicktime"], maxBytes: 500 * MB, maxCount: 1, durationSeconds: { max: 600 } },
    mixKinds: true,
    // §3: Tumblr's alt_text takes 4,096 characters; the media library keeps at most 4,086 (the
    // app-wide ALT_TEXT_CEILING, lib/media/alt-text.ts), so that is the limit here.
    maxAltTextLength: 4086,
  },
  settings: tumblrSettings,
  // §5: no analytics API. A post's note_count (GET /v2/blog/{blog}/posts?id=…&notes_info=true) is
  // read per post, and the blog's follower count (GET /v2/blog/{blog}/followers, total_users) per day.
  analytics: { account: true, post: true },
  // §2/§6: POST /posts takes no idempotency key, but GET /v2/blog/{blog}/posts lists the blog's
  // recent posts with their tags and timestamps: a create whose answer was lost is settled by
  // reading them back (findPublished, matching the text and time) and adopting the post.
  publishSafety: "reconcile",
  env: {
    credentials: ["TUMBLR_CLIENT_ID", "TUMBLR_CLIENT_SECRET"],
    hosts: [
      // The consent page is www.tumblr.com/oauth2/authorize; the token and every API call are api.tumblr.com/v2.
      { name: "auth", envVar: "TUMBLR_AUTH_URL", default: "https://www.tumblr.com" },
      { name: "api", envVar: "TUMBLR_API_URL", default: "https://api.tumblr.com" },
    ],
  },
} satisfies PlatformManifest<TumblrSettings>;
