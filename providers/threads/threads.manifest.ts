import type { PlatformManifest } from "../core/manifest";
import { threadsSettings, type ThreadsSettings } from "./threads.settings";

// Threads (../shared/platforms/threads.md, checked against developers.facebook.com/docs/threads):
// as data the browser may load. Media go by URL only (Threads downloads image_url / video_url
// itself), so uploads are sent as signed public URLs (byLinkOnly).

const MB = 1024 * 1024;

export const threadsManifest = {
  identifier: "threads",
  name: "Threads",
  badge: { text: "Th", colour: "#101010", icon: "threads" },
  // threads_basic is required for every call, threads_content_publish to publish, threads_manage_replies
  // to publish the follow-ups of a thread (they are replies), threads_manage_insights for analytics,
  // threads_read_replies to read replies back after a lost answer. Comma-separated (§1).
  auth: {
    kind: "oauth2",
    scopes: ["threads_basic", "threads_content_publish", "threads_manage_replies", "threads_read_replies", "threads_manage_insights"],
  },
  editor: "normal",
  // Posts doc: "Text posts are limited to 500 characters" and "emojis are counted as the number of UTF-8 bytes".
  counting: "emoji-bytes",
  maxLength: 500,
  maxConcurrentJob: 2,
  oneTimeToken: false,
  // A thread is a reply chain: each follow-up is a post with reply_to_id the previous one (§2).
  threads: { kind: "replies", maxItems: 25 },
  // Polls doc: text-only posts, 2–4 options (option_a..option_d), each 1–25 characters; a Threads
  // poll runs for 24 hours, not chosen by the API.
  polls: { minOptions: 2, maxOptions: 4, maxOptionLength: 25, durationMinutes: { choices: [1440] }, withMedia: false },
  media: {
    // One image or video is a single post; 2–20 make a carousel (posts doc, carousel section).
    maxItems: 20,
    image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 8 * MB, maxCount: 20 },
    video: { mimeTypes: ["video/mp4", "video/quicktime"], maxBytes: 1024 * MB, maxCount: 20, durationSeconds: { max: 300 } },
    mixKinds: true,
    // alt_text on IMAGE / VIDEO containers, up to 1,000 characters.
    maxAltTextLength: 1000,
    byLinkOnly: true,
  },
  settings: threadsSettings,
  analytics: { account: true, post: true },
  // Publishing is two steps (container, then threads_publish) and neither takes an idempotency
  // key. A lost threads_publish answer is settled by reading the account's recent posts (or the
  // parent's replies) back and adopting the one with this text: findPublished (threads.reconcile.ts).
  publishSafety: "reconcile",
  // link_attachment names the card's page on a text post (without it the first URL is used).
  linkCard: "link",
  env: {
    credentials: ["THREADS_CLIENT_ID", "THREADS_CLIENT_SECRET"],
    hosts: [
      // The authorization window (threads.net redirects to threads.com; both are documented).
      { name: "auth", envVar: "THREADS_AUTH_URL", default: "https://threads.net" },
      // Token endpoints and the Graph API (graph.threads.com is equivalent).
      { name: "api", envVar: "THREADS_API_URL", default: "https://graph.threads.net" },
    ],
  },
} satisfies PlatformManifest<ThreadsSettings>;
