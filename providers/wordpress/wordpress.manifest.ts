import type { PlatformManifest } from "../core/manifest";
import { wordpressSettings, type WordpressSettings } from "./wordpress.settings";

// A self-hosted WordPress site through its REST API (wp/v2), signed in with an application password
// (../shared/platforms/wordpress.md), as data the browser may load.

const MB = 1024 * 1024;

export const wordpressManifest = {
  identifier: "wordpress",
  name: "WordPress",
  // WordPress's blue (#21759b): white text reads on it.
  badge: { text: "W", colour: "#21759b", icon: "wordpress" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "site",
        label: "Site address",
        type: "url",
        placeholder: "https://example.com/blog",
        help: "Your site's address, with its folder if WordPress lives in one",
      },
      { key: "username", label: "Username", type: "text", placeholder: "jane", help: "The name you log in to WordPress with" },
      {
        key: "password",
        label: "Application password",
        type: "password",
        placeholder: "abcd efgh ijkl mnop qrst uvwx",
        help: "From Users → Profile → Application Passwords in your site's admin; not your login password",
      },
    ],
  },
  // The body is HTML, sanitised to plain semantic post markup (lib/markup/profiles.ts "post-html").
  editor: "html",
  markup: "post-html",
  counting: "chars",
  // WordPress stores the body in a LONGTEXT column and the REST API sets no limit; 100,000
  // characters (a very long article) is our own ceiling, not WordPress's.
  maxLength: 100_000,
  // Core has no rate limits; one publish at a time per site is kind to shared hosting.
  maxConcurrentJob: 1,
  // Application passwords never expire; a refused one (revoked by the user) means reconnect.
  oneTimeToken: true,
  media: {
    // One featured image per post, uploaded to the site's media library.
    maxItems: 1,
    // The types WordPress allows by default (get_allowed_mime_types); the size limit is the
    // site's (PHP upload_max_filesize), so 10 MB is a common hosting value, not a WordPress rule.
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], maxBytes: 10 * MB, maxCount: 1 },
    mixKinds: false,
    // alt_text is sanitised as a text field and stored as post meta, without a length limit; 1,000
    // characters keeps it to what screen readers read out whole.
    maxAltTextLength: 1000,
  },
  settings: wordpressSettings,
  // Per post: approved comments (X-WP-Total of /wp/v2/comments). Core has no view or like counts
  // (Jetpack Stats is a plugin with its own API), and no account figures.
  analytics: { account: false, post: true },
  // A create cannot carry an idempotency key, and reading recent posts back by title is not
  // reliable (two posts may share one): a lost answer is left for the user to check.
  publishSafety: "unconfirmed",
  env: {
    credentials: [],
    // No fixed host: each user names their own site; WORDPRESS_SITE_URL is the one used when the
    // field is left empty (a single-site install; the emulator in sandbox mode).
    hosts: [{ name: "site", envVar: "WORDPRESS_SITE_URL", default: null }],
  },
} satisfies PlatformManifest<WordpressSettings>;
