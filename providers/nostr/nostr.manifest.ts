import type { PlatformManifest } from "../core/manifest";
import { nostrSettings, type NostrSettings } from "./nostr.settings";

// Nostr (../shared/platforms/nostr.md), as data the browser may load. There is no server and no
// HTTP API: notes are signed here with the user's key and sent to the relays they name over
// WebSocket (providers/nostr/nostr.socket.ts). The only host is the web viewer the stored links
// point at, since a note has no canonical page.

const MB = 1024 * 1024;

export const nostrManifest = {
  identifier: "nostr",
  name: "Nostr",
  badge: { text: "N", colour: "#6b21a8" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "relays",
        label: "Relays",
        type: "text",
        placeholder: "wss://relay.damus.io, wss://nos.lol",
        help: "The relays to publish to: one or more wss:// addresses, separated by commas or spaces",
      },
      {
        key: "privateKey",
        label: "Private key or remote signer",
        type: "password",
        placeholder: "bunker://… or nsec1…",
        help: "Better: a bunker:// address from your remote signer (NIP-46), so your key never leaves it. Or your nsec (or its 64-character hex form), stored encrypted and never shown again",
      },
    ],
  },
  // NIP-10: kind-1 content is plain text; markdown and HTML SHOULD NOT be used.
  editor: "normal",
  // The protocol has no limit; each relay sets its own (NIP-11 limitation.max_content_length, in
  // characters). 8,196 is the value NIP-11's own example gives and a common relay setting; longer
  // notes are refused by such relays with "invalid:".
  counting: "chars",
  maxLength: 8196,
  // Relays' rate limits are their own and undocumented; two notes at a time stays clear of them.
  maxConcurrentJob: 2,
  // A key never expires and has nothing to refresh: a refused key means reconnecting (§1).
  oneTimeToken: true,
  threads: { kind: "replies", maxItems: 25 },
  // Media by link (NIP-92 imeta): no upload in the core protocol. The sizes bound what the
  // scheduler fetches to check the file, with Blossom's documented 100 MB example for video.
  media: {
    maxItems: 4,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], maxBytes: 20 * MB, maxCount: 4 },
    video: { mimeTypes: ["video/mp4", "video/webm"], maxBytes: 100 * MB, maxCount: 1 },
    mixKinds: true,
    // Notes carry media as links (imeta tags): relays store no files, so an upload here needs a public URL first.
    byLinkOnly: true,
    // Shown from the link itself for as long as the post exists: a signed URL that expires would break it.
    keepsLink: true,
  },
  settings: nostrSettings,
  // No platform figures: reactions and replies can be counted per relay, but that is not built.
  analytics: { account: false, post: false },
  // A note's id is the hash of its signed content, so the same signed event sent again is a
  // duplicate every relay recognises; after a lost answer the relays are read back for the note
  // (findPublished: the author's kind-1 notes since the call, matched by content and thread tags).
  publishSafety: "reconcile",
  env: {
    credentials: [],
    hosts: [
      { name: "web", envVar: "NOSTR_WEB_URL", default: "https://njump.me" },
      // No default: relays are the user's. Set, every channel publishes to this one relay instead
      // (a private relay of the operator's; sandbox mode points it at the emulator's relay).
      { name: "relay", envVar: "NOSTR_RELAY_URL", default: null },
    ],
  },
} satisfies PlatformManifest<NostrSettings>;
