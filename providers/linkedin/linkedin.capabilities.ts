import type { MediaRules, PollRules, ThreadRules } from "../social.integrations.interface";
import { POLL_DURATION_MINUTES, POLL_OPTION_MAX } from "./linkedin.content";

// What LinkedIn accepts, the same for a member and for a page (linkedin.md §2–3).

export const LINKEDIN_MAX_LENGTH = 3000;

const MB = 1024 * 1024;

export const LINKEDIN_MEDIA: MediaRules = {
  maxItems: 9,
  image: { mimeTypes: ["image/jpeg", "image/png", "image/gif"], maxBytes: 5 * MB, maxCount: 9 },
  video: { mimeTypes: ["video/mp4"], maxBytes: 500 * MB, maxCount: 1 },
  mixKinds: false,
  // content.media.altText / multiImage.images[].altText: at most 4,086 characters.
  maxAltTextLength: 4086,
};

export const LINKEDIN_POLLS: PollRules = {
  minOptions: 2,
  maxOptions: 4,
  maxOptionLength: POLL_OPTION_MAX,
  durationMinutes: { choices: POLL_DURATION_MINUTES },
  withMedia: false,
};

export const LINKEDIN_THREADS: ThreadRules = { kind: "comments", maxItems: 10 };

export const LINKEDIN_RULES =
  "Up to 3,000 characters. Up to 9 images (JPEG, PNG or GIF, 5 MB each) or one MP4 video up to 500 MB, not both. " +
  "Polls have 2–4 options of up to 30 characters, stay open 1, 3, 7 or 14 days and cannot carry media. " +
  "Further items are published as comments on the first post.";

/** LinkedIn's per-member quota is shared by personal and page posting. */
export const LINKEDIN_CONCURRENCY = { maxConcurrentJob: 2, concurrencyGroup: "linkedin" } as const;
