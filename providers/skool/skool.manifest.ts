import type { PlatformManifest } from "../core/manifest";
import { skoolSettings, type SkoolSettings } from "./skool.settings";

// Skool (../shared/platforms/skool.md), as data the browser may load. Skool has no public API and
// its platform policy forbids automated posting; the only way in is replaying the user's browser
// session cookies against its private web backend, which Postmill does not do. So the platform is
// listed with its reason and cannot be connected (lib/channels/connect.ts refuses it); the fields
// below say what that session would have been, so the manifest stays truthful, and nothing is called.

/** Why Skool cannot be connected, for the person reading the Channels page. */
export const SKOOL_UNAVAILABLE_REASON =
  "Skool has no public API and its platform policy forbids bots and automated posting; the only way to post is replaying your browser's login cookies, which Postmill does not do.";

export const skoolManifest = {
  identifier: "skool",
  name: "Skool",
  // Skool's dark navy wordmark background.
  badge: { text: "Sk", colour: "#1e2a4a" },
  auth: {
    kind: "fields",
    // Never shown: the connect card shows the reason instead of a form.
    fields: [
      {
        key: "session",
        label: "Session cookies",
        type: "password",
        help: "Not accepted: Postmill does not replay Skool browser sessions",
      },
    ],
  },
  // Skool bodies are plain text: Markdown and HTML show literally (fact sheet §3).
  editor: "normal",
  counting: "chars",
  // The body limit is unverified (§3); 5,000 is the lowest figure seen. Nothing is ever published.
  maxLength: 5000,
  maxConcurrentJob: 1,
  // No refresh exists for a captured session (§1).
  oneTimeToken: true,
  media: { maxItems: 0, mixKinds: false },
  settings: skoolSettings,
  analytics: { account: false, post: false },
  publishSafety: "unconfirmed",
  availability: { status: "unavailable", reason: SKOOL_UNAVAILABLE_REASON },
  // No host: the provider never calls Skool.
  env: { credentials: [], hosts: [] },
} satisfies PlatformManifest<SkoolSettings>;
