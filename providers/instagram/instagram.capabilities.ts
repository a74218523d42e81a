import type { PlatformManifest } from "../core/manifest";
import { instagramSettings, type InstagramSettings } from "./instagram.settings";

// What both Instagram variants share (../shared/platforms/instagram.md §2–§5): the container flow,
// its limits and its insights are the same on graph.facebook.com and graph.instagram.com; only
// the sign-in, the host and the token lifecycle differ (each manifest adds those).

const MB = 1024 * 1024;

export const instagramShared = {
  // §3: a caption is plain text, 2,200 characters (Content Publishing limitations; hashtag and
  // @mention counts are checked when publishing).
  editor: "normal",
  counting: "chars",
  maxLength: 2200,
  // Both variants publish to the same accounts under one 24-hour quota per account.
  maxConcurrentJob: 2,
  concurrencyGroup: "instagram",
  // A first comment (and more) under the published media: POST /{media-id}/comments.
  threads: { kind: "comments", maxItems: 5 },
  media: {
    // §3: a post needs media; a carousel holds up to 10 images and videos, mixed (the limit the
    // Content Publishing guide states; the app allows 20, the API is documented at 10).
    maxItems: 10,
    minItems: 1,
    // JPEG is the documented format; PNG is converted by Meta in practice (fact sheet §3) and is
    // what the editor produces, so both are taken. 8 MB, 320–1440 px wide.
    image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 8 * MB, maxCount: 10, dimensions: { minWidth: 320, maxWidth: 1440 } },
    // Reels: MOV or MP4, 3 s to 15 min, up to 300 MB.
    video: { mimeTypes: ["video/mp4", "video/quicktime"], maxBytes: 300 * MB, maxCount: 10, durationSeconds: { min: 3, max: 900 } },
    mixKinds: true,
    // Meta downloads each file from its URL when the container is created.
    byLinkOnly: true,
  },
  settings: instagramSettings,
  analytics: { account: true, post: true },
  // media_publish takes no idempotency key, and a published media shows in GET /{ig-user-id}/media
  // with its caption: after a lost answer the account's recent media are read back and the one
  // with this caption adopted (findPublished); only then is the publish tried again.
  publishSafety: "reconcile",
} satisfies Partial<PlatformManifest<InstagramSettings>>;
