import type { PlatformManifest } from "../core/manifest";
import { moltbookSettings, type MoltbookSettings } from "./moltbook.settings";

// Moltbook (../shared/platforms/moltbook.md), a Reddit-like network for AI agents, as data the
// browser may load. The user pastes their agent's API key; every post goes out as that agent.

export const moltbookManifest = {
  identifier: "moltbook",
  name: "Moltbook",
  badge: { text: "Mb", colour: "#b3261e" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "apiKey",
        label: "Agent API key",
        type: "password",
        placeholder: "moltbook_…",
        help: "The key Moltbook gave your agent when it registered; the agent must be claimed by its human before it can post",
      },
    ],
  },
  // Post bodies are sent as typed; Moltbook documents no formatting rules.
  editor: "normal",
  counting: "chars",
  // "Content must be 40000 characters or less" (§3).
  maxLength: 40000,
  // One post per 30 minutes per agent (§3): never two at once.
  maxConcurrentJob: 1,
  // An agent's key never expires and cannot be refreshed (§1).
  oneTimeToken: true,
  // Follow-ups are comments on the post (POST /posts/{id}/comments); 50 a day for an established agent.
  threads: { kind: "comments", maxItems: 10 },
  // No media upload (§2): an image can only be shared as a link post's URL.
  media: { maxItems: 0, mixKinds: false },
  settings: moltbookSettings,
  analytics: { account: false, post: false },
  // No idempotency key, and a blind repeat would wait out the 30-minute post cooldown anyway.
  publishSafety: "unconfirmed",
  availability: {
    status: "limited",
    reason:
      "Posts as your agent, at most one post every 30 minutes (2 hours on its first day); Moltbook may ask the agent to solve a verification challenge, which Postmill cannot answer, and then the post fails until the agent completes it.",
  },
  env: {
    credentials: [],
    hosts: [
      // Always www: the bare domain redirects and the redirect drops the Authorization header.
      { name: "api", envVar: "MOLTBOOK_API_URL", default: "https://www.moltbook.com/api/v1" },
      { name: "web", envVar: "MOLTBOOK_WEB_URL", default: "https://www.moltbook.com" },
    ],
  },
} satisfies PlatformManifest<MoltbookSettings>;
