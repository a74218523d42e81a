import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Reddit's error answers (../shared/platforms/reddit.md §4). Two shapes:
// - HTTP errors from oauth.reddit.com: {"message": "Unauthorized", "error": 401} (and 403, 404, 429,
//   5xx, the latter sometimes an HTML page from the CDN);
// - HTTP 200 with api_type=json: {"json": {"errors": [["CODE", "message", "field"], …]}}, which the
//   API calls read (redditErrors below) and which can also come on a 4xx/5xx.

type Body = { message?: unknown; error?: unknown; json?: { errors?: unknown } };

/** One entry of json.errors: [code, message, field]. */
export type RedditApiError = { code: string; message: string; field?: string };

/** The json.errors of an api_type=json answer, empty when there are none. */
export function apiErrorsOf(answer: unknown): RedditApiError[] {
  const errors = (answer as Body | undefined)?.json?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is unknown[] => Array.isArray(e) && typeof e[0] === "string")
    .map((e) => ({
      code: e[0] as string,
      message: typeof e[1] === "string" ? e[1] : (e[0] as string),
      ...(typeof e[2] === "string" && e[2] ? { field: e[2] } : {}),
    }));
}

/** "you are doing that too much. try again in 9 minutes." → ms; seconds and milliseconds are also said. */
export function ratelimitWaitMs(message: string): number | undefined {
  const m = /try again in (\d+) (millisecond|second|minute|hour)s?/i.exec(message);
  if (!m) return undefined;
  const unit = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 }[m[2]!.toLowerCase() as "second"];
  return Number(m[1]) * unit;
}

// What each documented code means for the user; codes not listed are shown in Reddit's words.
const WHY: Record<string, string> = {
  SUBREDDIT_NOEXIST: "that subreddit doesn't exist: check its name",
  SUBREDDIT_NOTALLOWED: "you aren't allowed to post there (a private or restricted subreddit)",
  SUBREDDIT_REQUIRED: "choose a subreddit",
  NO_SELFS: "that subreddit doesn't allow text posts: add a link or an image",
  NO_LINKS: "that subreddit only allows text posts: remove the link or image",
  NO_IMAGES: "that subreddit doesn't allow image posts",
  NO_VIDEOS: "that subreddit doesn't allow video posts",
  NO_TEXT: "a required text is missing",
  TOO_LONG: "a text is too long",
  ALREADY_SUB: "that link has already been submitted there",
  BAD_URL: "the link is not a valid URL",
  DOMAIN_BANNED: "the link's domain is banned there",
  IN_TIMEOUT: "the account is suspended",
  SUBMIT_VALIDATION_FLAIR_REQUIRED: "the subreddit requires post flair: choose one",
  THREAD_LOCKED: "the post is locked: comments are closed",
  TOO_OLD: "the post is archived: comments are closed",
  DELETED_LINK: "the post was deleted",
};

/** A json.errors list as one of the four outcomes. */
export function classifyApiErrors(errors: RedditApiError[]): HandledError | undefined {
  if (!errors.length) return undefined;
  const text = errors.map((e) => `${e.code}: ${e.message}${e.field ? ` (${e.field})` : ""}`).join("; ");
  const limited = errors.find((e) => e.code === "RATELIMIT");
  // The posting throttle (karma and account age), per user and subreddit, told in words.
  if (limited)
    return {
      kind: "retry",
      message: `Reddit asks to wait before posting again (${limited.message})`,
      retryAfterMs: ratelimitWaitMs(limited.message),
    };
  if (errors.some((e) => e.code === "USER_REQUIRED")) return { kind: "refresh-token", message: `Reddit needs a signed-in user (${text})` };
  if (errors.some((e) => e.code === "IN_TIMEOUT")) return { kind: "disconnect", message: `Reddit refused: ${WHY.IN_TIMEOUT} (${text})` };
  const known = errors.map((e) => WHY[e.code]).filter(Boolean);
  return { kind: "bad-body", message: `Reddit refused the post: ${known.length ? `${known.join("; ")} — ` : ""}${text}` };
}

const table = errorTable<Body>({
  code: (b) => (typeof b.error === "string" ? b.error : undefined),
  rows: [
    { status: 401, kind: "refresh-token", message: (f) => `Reddit no longer accepts the access token (${f.text})` },
    {
      status: 403,
      kind: "bad-body",
      message: (f) =>
        `Reddit refused (${f.text}): the subreddit may be private or quarantined, the account banned there, or a permission not granted`,
    },
    { status: 404, kind: "bad-body", message: (f) => `Reddit does not know this subreddit or post (${f.text})` },
    { status: 413, kind: "bad-body", message: (f) => `Reddit refused the file as too large (${f.text})` },
    // X-Ratelimit-Reset says when: the transport reads it (a 429, or no requests remaining).
    {
      status: 429,
      kind: "retry",
      message: (f) => `Reddit's rate limit was reached (${f.text}); the post will be tried again when it resets`,
    },
    {
      status: serverError,
      kind: "retry",
      message: (f) => `Reddit is having trouble (${f.text.slice(0, 200)}); the post will be tried again later`,
    },
  ],
});

export function classifyRedditError(body: string, status: number): HandledError | undefined {
  // json.errors on an error status says more than the status does (RATELIMIT keeps its wait).
  const errors = (() => {
    try {
      return apiErrorsOf(JSON.parse(body));
    } catch {
      return [];
    }
  })();
  return classifyApiErrors(errors) ?? table(body, status);
}

/** The token endpoint: a refused grant means connecting again; Reddit answers a bad code with HTTP 200 {"error":"invalid_grant"}. */
export function classifyRedditTokenError(body: string, status: number): HandledError {
  const text = body.trim().slice(0, 200) || `HTTP ${status}`;
  if (status >= 500 || status === 429) return { kind: "retry", message: `Reddit's token endpoint is having trouble (${text})` };
  return { kind: "disconnect", message: `Reddit refused the sign-in (${text}): connect the account again` };
}
