import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Threads answers errors in the Graph API envelope (../shared/platforms/threads.md §4):
// {"error": {"message", "type": "OAuthException" | "THApiException", "code", "error_subcode",
// "error_user_msg"?, "is_transient"?, "fbtrace_id"}}. Rows are tried in order; the first that
// holds decides. The token endpoints speak the same envelope (OAuth2Provider.tokenErrors reads them
// as sign-in failures).

type GraphError = {
  error?: {
    message?: unknown;
    type?: unknown;
    code?: unknown;
    error_subcode?: unknown;
    error_user_msg?: unknown;
    error_user_title?: unknown;
    is_transient?: unknown;
  };
};

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined);
const subcode = (b: GraphError) => num(b.error?.error_subcode);

/** Throttles (codes 4, 17, 32, 613) carry no reset time in the body; a quarter hour is a fair first wait. */
const THROTTLE_WAIT_MS = 15 * 60_000;
/** The 250-posts-per-24-hours limit rolls: an hour later some of the oldest posts have left the window. */
const QUOTA_WAIT_MS = 60 * 60_000;

const classify = errorTable<GraphError>({
  code: (b) => (num(b.error?.code) !== undefined ? String(num(b.error?.code)) : undefined),
  text: (b, raw, status) => str(b.error?.error_user_msg) ?? str(b.error?.message) ?? (raw.trim().slice(0, 300) || `HTTP ${status}`),
  words: (b, _raw, text) => `${text} ${str(b.error?.message) ?? ""} ${str(b.error?.type) ?? ""}`,
  rows: [
    // 190 with subcode 458 (app removed), 460 (password changed) or 464 (unconfirmed user): the
    // grant is gone, a refresh cannot help.
    {
      code: "190",
      when: (f) => [458, 459, 460, 464].includes(subcode(f.body) ?? 0),
      kind: "disconnect",
      message: (f) => `Threads no longer accepts this sign-in (${f.text}); reconnect the channel`,
    },
    // 190 otherwise (463 expired, 467 invalid, or none): refresh once; a refused refresh disconnects.
    { code: ["190", "102"], kind: "refresh-token", message: (f) => `Threads refused the access token (${f.text})` },
    // Permissions: 10 and 200–299 mean a scope was not granted or was withdrawn.
    {
      when: (f) => {
        const c = num(f.body.error?.code) ?? -1;
        return c === 10 || (c >= 200 && c <= 299);
      },
      kind: "disconnect",
      message: (f) => `Threads refused a permission (${f.text}); reconnect the channel and grant every permission asked for`,
    },
    // Throttling: app (4), user (17), Threads API (32) and per-call (613) rate limits.
    {
      code: ["4", "17", "32", "613"],
      kind: "retry",
      retryAfterMs: () => THROTTLE_WAIT_MS,
      message: (f) => `Threads' rate limit was reached (${f.text}); it will be tried again later`,
    },
    // The publishing quota (250 posts / 1,000 replies per 24 hours) as Meta's publishing APIs report it.
    {
      match: /publishing limit|maximum number of (posts|replies)|publish(ing)? quota/i,
      kind: "retry",
      retryAfterMs: () => QUOTA_WAIT_MS,
      message: (f) => `Threads' limit of posts per 24 hours was reached (${f.text}); it will be tried again in an hour`,
    },
    // More than 5 links in the text (text attachments doc).
    {
      match: /THREADS_API__LINK_LIMIT_EXCEEDED/,
      kind: "bad-body",
      message: (f) => `Threads takes at most 5 links in a post (${f.text})`,
    },
    // Media Threads could not download from the URL it was given.
    {
      match: /could not be fetched|failed to download|FAILED_DOWNLOADING/i,
      kind: "bad-body",
      message: (f) => `Threads could not download the media from its link (${f.text}); check the file is still available`,
    },
    // Temporary faults: unknown error (1), service unavailable (2), or is_transient.
    {
      when: (f) => f.body.error?.is_transient === true || ["1", "2"].includes(f.code ?? ""),
      kind: "retry",
      message: (f) => `Threads had a temporary problem (${f.text}); it will be tried again`,
    },
    // Blocked content (368) and restricted accounts (subcodes 2207051, 4279013).
    {
      when: (f) => f.code === "368" || [2207051, 4279013].includes(subcode(f.body) ?? 0),
      kind: "bad-body",
      message: (f) => `Threads refused the post: ${f.text}`,
    },
    // Invalid parameter (100) and every other 4xx: the post as sent was refused.
    { code: "100", kind: "bad-body", message: (f) => `Threads refused the post: ${f.text}` },
    { status: serverError, kind: "retry", message: (f) => `Threads is having trouble (${f.text}); it will be tried again later` },
  ],
});

export function classifyThreadsError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
