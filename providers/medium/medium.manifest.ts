import type { PlatformManifest } from "../core/manifest";
import { mediumSettings, type MediumSettings } from "./medium.settings";

// Medium's legacy v1 API (../shared/platforms/medium.md), as data the browser may load. Medium's
// README opens with "The Medium API is no longer supported" and Medium issues no new integration
// tokens; tokens made before that keep working, so the platform stays for their owners.

const MB = 1024 * 1024;

export const mediumManifest = {
  identifier: "medium",
  name: "Medium",
  badge: { text: "M", colour: "#1a1a1a", icon: "medium" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "token",
        label: "Integration token",
        type: "password",
        placeholder: "2a1b…",
        help: "From Medium settings → Security and apps → Integration tokens. Medium no longer issues new tokens; one made earlier still works.",
      },
    ],
  },
  // Medium takes Markdown as it is ("contentFormat": "markdown"), so the composer's Markdown is
  // sent as written, with no conversion in between (medium.content.ts).
  editor: "markdown",
  counting: "chars",
  // Medium documents no length limit for a story; this is the longest text Postmill keeps for any
  // platform (lib/posts/schemas.ts).
  maxLength: 100_000,
  // No rate limits are documented; one story at a time per instance keeps clear of Medium's spam checks.
  maxConcurrentJob: 1,
  // Integration tokens never expire and have no refresh: a refused one means "reconnect".
  oneTimeToken: true,
  media: {
    // POST /v1/images takes JPEG, PNG, GIF (animated too) and TIFF, one per request. Medium's API
    // documents no size or count; 25 MB is what Medium's editor takes for an image (secondary
    // source), and 10 images keep a scheduled story reviewable. The first image goes under the
    // title, where Medium takes it as the story's preview image (medium.content.ts).
    maxItems: 10,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/tiff"], maxBytes: 25 * MB, maxCount: 10 },
    mixKinds: true,
    // Alt text goes along as the Markdown image's description; Medium documents no limit for it, so
    // none is declared (the media library's own ceiling applies).
  },
  settings: mediumSettings,
  // Medium's API has no statistics endpoint of any kind.
  analytics: { account: false, post: false },
  // No idempotency key and no way to list one's posts through the API: a lost answer is left for
  // the user to check.
  publishSafety: "unconfirmed",
  // Medium's README: "The Medium API is no longer supported" and "We don't allow any new
  // integrations"; since 2025 its settings page offers no new integration tokens.
  availability: {
    status: "limited",
    reason:
      "Medium no longer supports its API and issues no new integration tokens: you can connect only with a token you made before, which keeps working.",
  },
  env: {
    credentials: [],
    hosts: [{ name: "api", envVar: "MEDIUM_API_URL", default: "https://api.medium.com" }],
  },
} satisfies PlatformManifest<MediumSettings>;
