import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Lemmy's error answers (../shared/platforms/lemmy.md §4): {"error": "<snake_case>"} or
// {"error": "<type>", "message": "<detail>"}; 401 only for incorrect_login, 404 for a missing row,
// 400 for the rest, and the rate limiter's rate_limit_error (429). Rate limits are per IP and per
// instance, with no headers: the instance's window for the action (GET /api/v3/site,
// local_site_rate_limit) says when to come back, given as `windowMs`.

type Body = { error?: unknown; message?: unknown };

const words = (f: { body: Body; text: string }) => (typeof f.body.message === "string" && f.body.message ? ` (${f.body.message})` : "");

function table(windowMs?: number) {
  return errorTable<Body>({
    code: (b) => (typeof b.error === "string" ? b.error : undefined),
    text: (b, raw, status) => (typeof b.error === "string" ? b.error : raw.trim().slice(0, 200) || `HTTP ${status}`),
    rows: [
      {
        code: "rate_limit_error",
        kind: "retry",
        retryAfterMs: () => windowMs,
        message: "The Lemmy instance's rate limit was reached; the post will be tried again when its window ends",
      },
      // The JWT no longer counts (logged out, password changed, token invalid): log in again.
      { code: "not_logged_in", kind: "refresh-token", message: "Lemmy no longer accepts the session; signing in again" },
      { code: "incorrect_login", kind: "disconnect", message: "Lemmy refused the username or password: reconnect the account" },
      {
        code: ["missing_totp_token", "incorrect_totp_token"],
        kind: "disconnect",
        message: "The account has two-factor authentication: reconnect with a fresh 2FA code",
      },
      {
        code: ["email_not_verified", "registration_application_is_pending", "site_ban", "banned", "deleted"],
        kind: "disconnect",
        message: (f) => `Lemmy refused the account: ${f.code}${words(f)}`,
      },
      {
        code: [
          "couldnt_find_community",
          "banned_from_community",
          "person_is_banned_from_community",
          "only_mods_can_post_in_community",
          "locked",
          "community_is_blocked",
        ],
        kind: "bad-body",
        message: (f) => `Lemmy refused the community: ${f.code}${words(f)}`,
      },
      {
        code: [
          "invalid_post_title",
          "invalid_body_field",
          "invalid_url",
          "blocked_url",
          "slurs",
          "language_not_allowed",
          "alt_text_length_overflow",
          "url_length_overflow",
        ],
        kind: "bad-body",
        message: (f) => `Lemmy refused the post: ${f.code}${words(f)}`,
      },
      { code: ["pictrs_response_error", "too_large"], kind: "bad-body", message: (f) => `Lemmy refused the image: ${f.code}${words(f)}` },
      { status: 413, kind: "bad-body", message: "Lemmy refused the image as too large for this instance" },
      // The database refused the row: often transient (a lock, a restart).
      {
        code: ["couldnt_create_post", "couldnt_create_comment", "unknown"],
        kind: "retry",
        message: (f) => `Lemmy could not save it: ${f.code}${words(f)}`,
      },
      { status: 429, kind: "retry", retryAfterMs: () => windowMs },
      { status: serverError, kind: "retry", message: (f) => `The Lemmy instance is having trouble (${f.text})` },
    ],
  });
}

const plain = table();

/** `windowMs`: the instance's rate-limit window for the call, when known. */
export function classifyLemmyError(body: string, status: number, windowMs?: number): HandledError | undefined {
  return (windowMs === undefined ? plain : table(windowMs))(body, status);
}
