import type { PlatformManifest } from "../core/manifest";
import { ghostSettings, type GhostSettings } from "./ghost.settings";

// Ghost (Admin API v5, ../shared/platforms/ghost.md), any self-hosted or Ghost(Pro) site, as data
// the browser may load.

const MB = 1024 * 1024;

export const ghostManifest = {
  identifier: "ghost",
  name: "Ghost",
  // Ghost's brand is near-black (#15171a).
  badge: { text: "Gh", colour: "#15171a", icon: "ghost" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "url",
        label: "Admin API URL",
        type: "url",
        placeholder: "https://blog.example.com",
        help: "The API URL shown with the key in Ghost Admin → Settings → Integrations (your site's admin address)",
      },
      {
        key: "apiKey",
        label: "Admin API key",
        type: "password",
        placeholder: "id:secret",
        help: "From a custom integration in Ghost Admin → Settings → Integrations; the Admin key, not the Content key",
      },
    ],
  },
  // Ghost takes HTML (?source=html) and converts it to its Lexical editor format.
  editor: "html",
  markup: "post-html",
  counting: "chars",
  // Ghost sets no limit on a post body (a long-text column); 100,000 characters is our own
  // generous bound for one long-form article, not Ghost's.
  maxLength: 100_000,
  maxConcurrentJob: 2,
  // The stored Admin API key makes a new 5-minute token whenever one is needed.
  oneTimeToken: false,
  media: {
    // One feature image, uploaded to the site (POST /images/upload/) and set as feature_image.
    maxItems: 1,
    image: {
      // The formats Ghost's image upload accepts (purpose "image").
      mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml"],
      // Ghost's size limit is the site's own configuration; 10 MB is a conservative bound.
      maxBytes: 10 * MB,
      maxCount: 1,
    },
    mixKinds: false,
    // posts.feature_image_alt is at most 125 characters.
    maxAltTextLength: 125,
  },
  settings: ghostSettings,
  // The Admin API has no view or read counts for posts (email stats only after a newsletter send).
  analytics: { account: false, post: false },
  // No idempotency key, and a post cannot be matched back reliably (HTML is converted lossily).
  publishSafety: "unconfirmed",
  env: {
    credentials: [],
    // Every site is the user's own: the address is typed into the connect form, no host is fixed.
    hosts: [],
  },
} satisfies PlatformManifest<GhostSettings>;
