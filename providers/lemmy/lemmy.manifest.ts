import type { PlatformManifest } from "../core/manifest";
import { lemmySettings, type LemmySettings } from "./lemmy.settings";

// Lemmy (../shared/platforms/lemmy.md), as data the browser may load. Any instance running Lemmy
// 0.19 (HTTP API v3, the release line most instances run; Lemmy 1.0's v4 is not spoken here).

const MB = 1024 * 1024;

/** §3: a post body, in UTF-16 code units (validation.rs: encode_utf16().count()). */
export const LEMMY_BODY_MAX = 50_000;
/** §3: a comment, likewise. */
export const LEMMY_COMMENT_MAX = 10_000;

export const lemmyManifest = {
  identifier: "lemmy",
  name: "Lemmy",
  badge: { text: "Le", colour: "#166534", icon: "lemmy" },
  // §1: no OAuth in 0.19: a login with username (or e-mail) and password answers a JWT. The
  // password is kept (encrypted, as every channel credential) to log in again when the JWT stops
  // working; a 2FA code works once, so it is only used to connect.
  auth: {
    kind: "fields",
    fields: [
      {
        key: "instance",
        label: "Instance",
        type: "url",
        defaultHost: "instance",
        placeholder: "https://lemmy.world",
        help: "The Lemmy server your account is on",
      },
      { key: "username", label: "Username or e-mail", type: "text", placeholder: "alice" },
      { key: "password", label: "Password", type: "password", help: "Kept encrypted, to sign in again when the session ends" },
      {
        key: "totp",
        label: "2FA code (if enabled)",
        type: "text",
        placeholder: "123456",
        help: "Only when your account has two-factor authentication; posting then needs you to reconnect when the session ends",
      },
    ],
  },
  // §2: post bodies and comments are Markdown (lemmy-ui renders them with markdown-it).
  editor: "markdown",
  counting: "chars",
  maxLength: LEMMY_BODY_MAX,
  maxConcurrentJob: 1,
  // §1: no refresh token, but the stored password logs in again (refreshToken()).
  oneTimeToken: false,
  // §2: follow-ups are comments on the post (POST /api/v3/comment with post_id).
  threads: { kind: "comments", maxItems: 25 },
  media: {
    // §2: one image per post, uploaded to the instance's pict-rs (POST /pictrs/image) and used as
    // the post's URL. pict-rs's size limit is per instance: 10 MB is this server's cap.
    maxItems: 1,
    image: { mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], maxBytes: 10 * MB, maxCount: 1 },
    mixKinds: false,
    // §3: alt_text ≤ 1,500.
    maxAltTextLength: 1500,
  },
  settings: lemmySettings,
  // §5: a post's score, votes and comment count (GET /api/v3/post?id=); no account figures.
  analytics: { account: false, post: true },
  // §2/§6: no idempotency key; the account's own posts and comments are listed by
  // GET /api/v3/user (newest first), so a lost answer is settled by finding the post there.
  publishSafety: "reconcile",
  env: {
    credentials: [],
    // The instance the connect form offers by default; users name their own.
    hosts: [{ name: "instance", envVar: "LEMMY_INSTANCE_URL", default: "https://lemmy.world" }],
  },
} satisfies PlatformManifest<LemmySettings>;
