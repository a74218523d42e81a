import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Tumblr's error answers (../shared/platforms/tumblr.md §4; tumblr/docs api.md "Response Format"
// and the NPF creation route's "Errors and Error Subcodes"): the envelope
// {"meta":{"status","msg"},"response":[],"errors":[{"title","code","detail"}]}, where `code` is a
// numeric subcode (8001 bad NPF, 8023 daily posting limit…). The user is shown the error's detail
// (else its title, else meta.msg), which for an NPF refusal names the offending field.

type TumblrError = { meta?: { status?: unknown; msg?: unknown }; errors?: unknown };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

function firstError(b: TumblrError): { title?: string; code?: string; detail?: string } {
  const e = Array.isArray(b.errors) ? (b.errors[0] as Record<string, unknown> | undefined) : undefined;
  if (!e || typeof e !== "object") return {};
  const code = typeof e.code === "number" || typeof e.code === "string" ? String(e.code) : undefined;
  return { title: str(e.title), code, detail: str(e.detail) };
}

/** Tumblr's daily limits reset with the calendar day on its servers (US Eastern); midnight UTC plus five hours covers it. */
export function msUntilTumblrDay(now = Date.now()): number {
  const d = new Date(now);
  let at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 5);
  if (at <= now) at += 86_400_000;
  return Math.max(60_000, at - now);
}

const classify = errorTable<TumblrError>({
  code: (b) => firstError(b).code,
  text: (b, raw, status) => {
    const e = firstError(b);
    const words = e.detail && e.title && !e.detail.includes(e.title) ? `${e.title}: ${e.detail}` : (e.detail ?? e.title);
    return words ?? str(b.meta?.msg) ?? (raw.trim().slice(0, 300) || `HTTP ${status}`);
  },
  rows: [
    // 401 (subcode 1016 "Unable to authorize" among others): the 42-minute access token ran out or
    // was revoked; refresh once, and a refused refresh ends the grant (the token endpoint's 401).
    { status: 401, kind: "refresh-token" },
    // Daily quotas (§3): 250 posts, 250 images, 20 videos a day per user. Waiting minutes will not
    // help; the post is tried again when Tumblr's day turns.
    {
      status: 403,
      code: "8023",
      kind: "retry",
      message: (f) => `Tumblr's daily posting limit for this blog was reached (${f.text}); the post will be tried again tomorrow`,
      retryAfterMs: () => msUntilTumblrDay(),
    },
    {
      status: 403,
      code: ["8004", "8011"],
      kind: "retry",
      message: (f) => `Tumblr's daily upload limit was reached (${f.text}); the post will be tried again tomorrow`,
      retryAfterMs: () => msUntilTumblrDay(),
    },
    // 8010: another video of the account is still transcoding; a few minutes usually settle it.
    {
      status: 403,
      code: "8010",
      kind: "retry",
      message: (f) => `Tumblr is still processing an earlier video (${f.text}); the post will be tried again shortly`,
      retryAfterMs: () => 5 * 60_000,
    },
    {
      status: 403,
      code: "8022",
      kind: "bad-body",
      message: (f) => `This blog's queue is full (${f.text}): publish or delete queued posts first`,
    },
    { status: 403, code: "8008", kind: "bad-body", message: (f) => `Tumblr refused the video (${f.text})` },
    // 429 "Limit Exceeded": Tumblr's per-minute/hour/day rate limits; Retry-After, when sent, counts.
    { status: 429, kind: "retry", message: (f) => `Tumblr's rate limit was reached (${f.text}); the post will be tried again later` },
    // Other 403s: the account may not post to this blog (a group blog membership ended…).
    { status: 403, kind: "bad-body", message: (f) => `Tumblr refused the post (${f.text}): this account may no longer post to the blog` },
    {
      status: 404,
      kind: "bad-body",
      message: (f) => `Tumblr does not know this blog (${f.text}); reconnect the channel and pick the blog again`,
    },
    // 400.8001 invalid NPF, 400.8005 media format not accepted: the detail names what was wrong.
    { status: 400, code: "8005", kind: "bad-body", message: (f) => `Tumblr could not accept a media file's format (${f.text})` },
    { status: 400, kind: "bad-body", message: (f) => `Tumblr refused the post: ${f.text}` },
    // 500.8006 / 500.8009 upload errors and 503 "posting via the API is disabled" are Tumblr's trouble.
    { status: serverError, kind: "retry", message: (f) => `Tumblr is having trouble (${f.text}); the post will be tried again later` },
  ],
});

export function classifyTumblrError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
