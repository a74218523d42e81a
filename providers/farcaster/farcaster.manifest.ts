import type { PlatformManifest } from "../core/manifest";
import { farcasterSettings, type FarcasterSettings } from "./farcaster.settings";

// Farcaster through Neynar's hosted signers (../shared/platforms/farcaster.md), as data the browser
// may load. The server's operator holds one Neynar API key (NEYNAR_API_KEY, sent as x-api-key); each
// user connects by pasting the signer_uuid of a Neynar-managed signer they approved for their account.

const MB = 1024 * 1024;
/**
 * Protocol (SPECIFICATION.md): a cast's text is at most 320 UTF-8 bytes; a LONG_CAST (321–1,024) is
 * open only to accounts allowed longer casts, which nothing documented tells us from the signer or the
 * user, so every account gets the limit every account has.
 */
const CAST_MAX_BYTES = 320;

export const farcasterManifest = {
  identifier: "farcaster",
  name: "Farcaster",
  badge: { text: "FC", colour: "#5b3cc4", icon: "farcaster" },
  auth: {
    kind: "fields",
    fields: [
      {
        key: "signerUuid",
        label: "Signer UUID",
        type: "password",
        placeholder: "19d0c5fd-9b33-4a48-a0e2-bc7b0555baec",
        help: "The signer_uuid of a Neynar-managed signer you approved in the Farcaster app, created with this server's Neynar API key",
      },
    ],
  },
  editor: "normal",
  // Casts are limited in bytes, not characters: an emoji or a CJK character takes 3–4 of them.
  counting: "utf8-bytes",
  maxLength: CAST_MAX_BYTES,
  maxBytes: CAST_MAX_BYTES,
  // Neynar limits per API key (Starter: 5 requests a second per endpoint) and per account casting;
  // one cast at a time keeps a thread in order and stays well under them.
  maxConcurrentJob: 1,
  // A signer never expires and has no refresh: once revoked, the user connects a new one.
  oneTimeToken: true,
  // A thread is each cast replying to the one before (`parent` = its hash). No documented length;
  // 25 keeps a scheduled thread reasonable.
  threads: { kind: "replies", maxItems: 25 },
  media: {
    // At most 2 embeds per cast, each a URL (protocol and Neynar's `embeds`): there is no upload
    // endpoint, clients show the image the URL points to. No documented size cap; 10 MB is a
    // conservative bound. No alt text field exists.
    maxItems: 2,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/webp"], maxBytes: 10 * MB, maxCount: 2 },
    gif: { mimeTypes: ["image/gif"], maxBytes: 10 * MB, maxCount: 2 },
    mixKinds: true,
    byLinkOnly: true,
    // Shown from the link itself for as long as the post exists: a signed URL that expires would break it.
    keepsLink: true,
  },
  settings: farcasterSettings,
  // Per cast: likes, recasts and replies (GET /v2/farcaster/cast). No view counts exist.
  analytics: { account: false, post: true },
  // POST /v2/farcaster/cast takes an `idem` key: a repeat with the same key makes no second cast.
  publishSafety: "idempotency-key",
  env: {
    credentials: ["NEYNAR_API_KEY"],
    hosts: [
      { name: "api", envVar: "FARCASTER_API_URL", default: "https://api.neynar.com" },
      // Where a cast is read by people: https://farcaster.xyz/<username>/<hash>.
      { name: "web", envVar: "FARCASTER_WEB_URL", default: "https://farcaster.xyz" },
    ],
  },
} satisfies PlatformManifest<FarcasterSettings>;
