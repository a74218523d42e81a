import type { PlatformManifest } from "../core/manifest";
import { hashnodeSettings, type HashnodeSettings } from "./hashnode.settings";

// Hashnode (../shared/platforms/hashnode.md), as data the browser may load. Sources: Hashnode's
// own API reference, Hashnode/gql-skill (skills/gql-api: SKILL.md, references/mutations.md,
// recipes.md, auth-and-roles.md, schema.graphql).

const MB = 1024 * 1024;

export const hashnodeManifest = {
  identifier: "hashnode",
  name: "Hashnode",
  badge: { text: "Hn", colour: "#1d4ed8", icon: "hashnode" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "token",
        label: "Personal access token",
        type: "password",
        help: "From Hashnode: Account Settings → Developer → Generate new token. Publishing through the API needs Hashnode Pro on the blog.",
      },
    ],
  },
  // publishPost takes contentMarkdown: the composer's markdown is sent as written.
  editor: "markdown",
  counting: "chars",
  // Hashnode documents no article length, only a 100 KB limit on a whole GraphQL request. The
  // markdown must fit in it with the title, tags and JSON escaping, so 80,000 bytes (and characters)
  // leaves a fifth of the request for the rest.
  maxLength: 80_000,
  maxBytes: 80_000,
  // 500 mutations a minute are published (not enforced today); publishes are one mutation each.
  maxConcurrentJob: 2,
  // A personal access token does not expire and cannot be refreshed: a refused one means reconnect.
  oneTimeToken: true,
  media: {
    // One image, the article's cover, uploaded through createImageUploadURL: image/* but no SVG, 8 MB.
    maxItems: 1,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/webp", "image/gif"], maxBytes: 8 * MB, maxCount: 1 },
    mixKinds: false,
    // A cover image has no alt text on Hashnode (CoverImage: url, attribution, photographer).
  },
  settings: hashnodeSettings,
  // Post.views, reactionCount, responseCount and replyCount; no account figures are documented.
  analytics: { account: false, post: true },
  // publishPost has no idempotency key, and reads are cached at the edge for up to ~25 s, so a read-back
  // right after a lost answer could miss the post: the user checks the blog instead.
  publishSafety: "unconfirmed",
  // Since 2026-05-13 every mutation needs Hashnode Pro on the target blog (SKILL.md "Pro plan gating").
  availability: {
    status: "limited",
    reason:
      "Hashnode only accepts posts through its API for blogs on Hashnode Pro (since May 2026). A free blog connects, but its posts are refused until it is upgraded.",
  },
  env: {
    credentials: [],
    // gql.hashnode.com was retired on 2026-05-13 (a 301 to an announcement page); the API is gql-beta.
    hosts: [{ name: "api", envVar: "HASHNODE_API_URL", default: "https://gql-beta.hashnode.com" }],
  },
} satisfies PlatformManifest<HashnodeSettings>;
