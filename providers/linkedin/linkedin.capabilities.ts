import type { PlatformManifest } from "../core/manifest";
import { POLL_DURATION_MINUTES, POLL_OPTION_MAX } from "./linkedin.content";

// What LinkedIn accepts, the same for a member and for a page (linkedin.md §2–3): the part of
// both manifests (linkedin.manifest.ts, linkedin-page.manifest.ts) they share.

const MB = 1024 * 1024;

/** LinkedIn retires a version about a year after release, then answers 426 to everything. */
export const DEFAULT_LINKEDIN_VERSION = "202610";

/** LinkedIn's real hosts, the defaults of LINKEDIN[_PAGE]_AUTH_URL and _API_URL. */
export const LINKEDIN_HOSTS = { auth: "https://www.linkedin.com", api: "https://api.linkedin.com" } as const;

type Shared = Pick<
  PlatformManifest,
  | "editor"
  | "counting"
  | "maxLength"
  | "maxConcurrentJob"
  | "concurrencyGroup"
  | "oneTimeToken"
  | "threads"
  | "polls"
  | "media"
  | "publishSafety"
  | "linkCard"
  | "env"
>;

/** `envPrefix` names the provider's own hosts (LINKEDIN_API_URL, LINKEDIN_PAGE_API_URL); one app's credentials serve both. */
export function linkedInShared(envPrefix: "LINKEDIN" | "LINKEDIN_PAGE"): Shared {
  return {
    editor: "normal",
    counting: "chars",
    maxLength: 3000,
    // LinkedIn's per-member quota is shared by personal and page posting.
    maxConcurrentJob: 2,
    concurrencyGroup: "linkedin",
    oneTimeToken: false,
    threads: { kind: "comments", maxItems: 10 },
    polls: {
      minOptions: 2,
      maxOptions: 4,
      maxOptionLength: POLL_OPTION_MAX,
      durationMinutes: { choices: POLL_DURATION_MINUTES },
      withMedia: false,
    },
    media: {
      maxItems: 9,
      image: { mimeTypes: ["image/jpeg", "image/png", "image/gif"], maxBytes: 5 * MB, maxCount: 9 },
      video: { mimeTypes: ["video/mp4"], maxBytes: 500 * MB, maxCount: 1 },
      mixKinds: false,
      // content.media.altText / multiImage.images[].altText: at most 4,086 characters.
      maxAltTextLength: 4086,
    },
    // No idempotency key, and our scopes cannot read posts back: a lost answer is unconfirmed.
    publishSafety: "unconfirmed",
    // The Posts API does not read the page: content.article carries the card we send (linkedin.md).
    linkCard: "card",
    env: {
      credentials: ["LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET"],
      hosts: [
        { name: "auth", envVar: `${envPrefix}_AUTH_URL`, default: LINKEDIN_HOSTS.auth },
        { name: "api", envVar: `${envPrefix}_API_URL`, default: LINKEDIN_HOSTS.api },
      ],
      options: [{ envVar: "LINKEDIN_API_VERSION", default: DEFAULT_LINKEDIN_VERSION }],
    },
  };
}
