import type { PlatformManifest } from "../core/manifest";
import { redditSettings, type RedditSettings } from "./reddit.settings";

// Reddit (../shared/platforms/reddit.md), as data the browser may load.

const MB = 1024 * 1024;

/** §3: a self post's body (Link.SELFTEXT_MAX_LENGTH). */
export const REDDIT_SELFTEXT_MAX = 40_000;
/** §3: a comment (VMarkdown's default maximum). */
export const REDDIT_COMMENT_MAX = 10_000;

export const redditManifest = {
  identifier: "reddit",
  name: "Reddit",
  badge: { text: "Re", colour: "#c2410c", icon: "reddit" },
  // §1: identity (who signed in), submit (posts and comments), read (subreddit rules, listings to
  // read posts back, scores), flair (link_flair_v2), mysubreddits (the subreddits to choose from).
  // The authorize link asks for duration=permanent, so a refresh token is issued.
  auth: { kind: "oauth2", scopes: ["identity", "submit", "read", "flair", "mysubreddits"] },
  // §2: a self post's body and comments are Reddit markdown; the composer's markdown is converted (reddit.markdown.ts).
  editor: "markdown",
  counting: "chars",
  // §3: the body of a self post; comments are held to 10,000 by the provider.
  maxLength: REDDIT_SELFTEXT_MAX,
  // §3: 100 requests a minute per OAuth client (the free tier) is shared by every channel.
  maxConcurrentJob: 2,
  oneTimeToken: false,
  // §2: follow-ups are comments under the post (thing_id = the post's t3_ fullname).
  threads: { kind: "comments", maxItems: 25 },
  media: {
    // §2: one image per image post, through the media lease; Reddit's help centre gives 20 MB for
    // images. A video post (kind=video, or videogif for a silent loop) takes one video plus the
    // image Reddit requires as its poster (video_poster_url), both through the lease: this server
    // cannot take a frame from a video, so the user attaches the poster. Videos: MP4 or MOV, up to
    // 15 minutes (Reddit's video launch notes) and 1 GB (Reddit's video specifications).
    // Galleries use another, undocumented call: not offered.
    maxItems: 2,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif"], maxBytes: 20 * MB, maxCount: 1 },
    video: { mimeTypes: ["video/mp4", "video/quicktime"], maxBytes: 1024 * MB, maxCount: 1, durationSeconds: { max: 900 } },
    mixKinds: false,
    videoPoster: true,
  },
  settings: redditSettings,
  // §5: no account analytics for ordinary users; a post's score and comment count (GET /api/info).
  analytics: { account: false, post: true },
  // §2/§6: Reddit takes no idempotency key; the account's submissions and comments can be read back
  // (/user/<name>/submitted, /user/<name>/comments), so a lost answer is settled by finding the post.
  publishSafety: "reconcile",
  env: {
    credentials: ["REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET"],
    hosts: [
      // Sign-in and the token endpoint, and the base of post links.
      { name: "auth", envVar: "REDDIT_AUTH_URL", default: "https://www.reddit.com" },
      { name: "api", envVar: "REDDIT_API_URL", default: "https://oauth.reddit.com" },
    ],
    // Reddit's required "<platform>:<app ID>:<version> (by /u/<username>)"; set the operator's own.
    options: [{ envVar: "REDDIT_USER_AGENT", default: "web:postmill:v1.0 (by /u/postmill)" }],
  },
} satisfies PlatformManifest<RedditSettings>;
