import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Whop's errors as a table (../shared/platforms/whop.md §4). The REST API answers an HTTP status
// with a JSON body whose `message` is the text the official SDK shows; its error classes are by
// status alone (BadRequest 400, Authentication 401, PermissionDenied 403, NotFound 404, Conflict
// 409, UnprocessableEntity 422, RateLimit 429, InternalServer ≥500), so the rows are too. The OAuth
// endpoints answer {error, error_description}; a nested {error: {type, message}} is read as well,
// since the exact REST body shape is not documented.

type Body = { message?: unknown; error?: unknown; error_description?: unknown };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const nested = (b: Body) => (b.error && typeof b.error === "object" ? (b.error as Record<string, unknown>) : undefined);

const classify = errorTable<Body>({
  code: (b) => str(b.error) ?? str(nested(b)?.type),
  text: (b, raw, status) =>
    str(b.message) ?? str(nested(b)?.message) ?? str(b.error_description) ?? str(b.error) ?? (raw.trim().slice(0, 300) || `HTTP ${status}`),
  rows: [
    // A refresh token already rotated, revoked or expired: only signing in again helps.
    { code: "invalid_grant", kind: "disconnect", message: (f) => `Whop refused the sign-in (${f.text}); connect Whop again` },
    // The access token lasts an hour (OAuth guide): refresh, then try once more.
    { status: 401, kind: "refresh-token" },
    // The grant lacks a permission (forum:post:create…): re-consenting is the only fix.
    {
      status: 403,
      code: "insufficient_scope",
      kind: "disconnect",
      message: (f) => `Whop says the app lacks a permission (${f.text}); connect Whop again and approve every permission`,
    },
    {
      status: 403,
      match: /scope|forum:post:create|forum:read/i,
      kind: "disconnect",
      message: (f) => `${f.text}; connect Whop again and approve every permission`,
    },
    // Any other 403: this user may not post here (a forum where only admins post).
    { status: 403, kind: "bad-body", message: (f) => `Whop refused the post: ${f.text} (the forum may let only admins post)` },
    { status: 404, kind: "bad-body", message: (f) => `Whop could not find the forum or post: ${f.text}` },
    { status: [400, 422], kind: "bad-body", message: (f) => `Whop refused the post: ${f.text}` },
    // The SDK retries 409, 429 and 5xx with backoff; so does the publishing engine.
    { status: 409, kind: "retry", message: (f) => `Whop reported a conflict, to be retried: ${f.text}` },
    { status: 429, kind: "retry", message: (f) => `Whop is rate limiting requests: ${f.text}` },
    { status: serverError, kind: "retry", message: (f) => `Whop is having trouble (HTTP ${f.status}): ${f.text}` },
  ],
});

export function classifyWhopError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
