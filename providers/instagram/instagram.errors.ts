import { errorTable, serverError, type ErrorFacts } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Meta's Graph API error envelope, shared by graph.facebook.com and graph.instagram.com
// (../shared/platforms/instagram.md §4, Graph API "Handling Errors"):
//   {"error":{"message","type","code","error_subcode","is_transient","error_user_title","error_user_msg","fbtrace_id"}}
// Rows go by the numeric code and subcode, first match deciding. Used by instagram and
// instagram-standalone; `refreshable` says whether a refused token can be renewed (Instagram
// Login's ig_refresh_token) or means reconnecting (Facebook Login's long-lived user token).

type GraphError = {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
};
type Body = { error?: GraphError };

const err = (f: ErrorFacts<Body>): GraphError => (f.body && typeof f.body.error === "object" && f.body.error) || {};
const code =
  (...codes: number[]) =>
  (f: ErrorFacts<Body>) =>
    codes.includes(Number(err(f).code));
const subcode =
  (...codes: number[]) =>
  (f: ErrorFacts<Body>) =>
    codes.includes(Number(err(f).error_subcode));

/** Meta's throttling codes (Graph "Rate Limiting"): app, user, page and Instagram BUC limits. */
export const THROTTLING_CODES = [4, 17, 32, 613, 80002];

/** Whether an error body is one of Meta's throttling answers: refused before any work was done. */
export function isThrottled(body: string): boolean {
  try {
    return THROTTLING_CODES.includes(Number((JSON.parse(body) as Body).error?.code));
  } catch {
    return false;
  }
}

/** The publishing quota is a moving 24 h window; an hour is when a slot is worth asking about again. */
export const QUOTA_RETRY_MS = 3_600_000;

const said = (f: ErrorFacts<Body>) => {
  const e = err(f);
  const words = e.error_user_msg || e.message || f.text;
  return e.error_user_title && e.error_user_msg ? `${e.error_user_title}: ${e.error_user_msg}` : words;
};
const withCode = (f: ErrorFacts<Body>) => {
  const e = err(f);
  const sub = e.error_subcode ? `, subcode ${e.error_subcode}` : "";
  return `${said(f)} (Instagram error ${e.code ?? f.status}${sub})`;
};

function rows(refreshable: boolean) {
  return [
    // Token expired, revoked or the session invalidated (190; 102 is the older session code).
    {
      when: code(190, 102),
      kind: refreshable ? ("refresh-token" as const) : ("disconnect" as const),
      message: (f: ErrorFacts<Body>) =>
        refreshable
          ? `Instagram refused the access token: ${said(f)}`
          : `Instagram no longer accepts this sign-in (${said(f)}): Facebook Login tokens cannot be renewed, reconnect the channel`,
    },
    // Not enough viewers for insights is code 10 too, and is about the post, not the grant.
    { when: code(10), match: /not enough viewers/i, kind: "bad-body" as const, message: withCode },
    {
      when: (f: ErrorFacts<Body>) => THROTTLING_CODES.includes(Number(err(f).code)),
      kind: "retry" as const,
      message: (f: ErrorFacts<Body>) => `Instagram asks to slow down: ${withCode(f)}`,
    },
    // The 24-hour publishing quota (content_publishing_limit) is used up.
    {
      when: subcode(2207042),
      kind: "retry" as const,
      retryAfterMs: () => QUOTA_RETRY_MS,
      message: (f: ErrorFacts<Body>) =>
        `The account reached Instagram's 24-hour publishing limit; the post waits for a free slot (${withCode(f)})`,
    },
    // Meta could not download the media (often transient on Meta's side, Postiz PR #1900), or failed to take it in.
    {
      when: subcode(2207052, 2207003, 2207082),
      kind: "retry" as const,
      message: (f: ErrorFacts<Body>) => `Instagram could not fetch or take in the media: ${withCode(f)}`,
    },
    // Permissions missing or withdrawn (10, 200–299): the grant must be given again.
    {
      when: (f: ErrorFacts<Body>) => {
        const c = Number(err(f).code);
        return c === 10 || (c >= 200 && c <= 299);
      },
      kind: "disconnect" as const,
      message: (f: ErrorFacts<Body>) =>
        `Instagram says a permission is missing (${withCode(f)}): reconnect the channel and allow every permission asked for`,
    },
    {
      match: /not an Instagram Business|professional account/i,
      kind: "disconnect" as const,
      message: (f: ErrorFacts<Body>) =>
        `${withCode(f)}: switch the account to a professional (Business or Creator) account, then reconnect`,
    },
    {
      when: subcode(2207026),
      kind: "bad-body" as const,
      message: (f: ErrorFacts<Body>) => `Instagram does not take this video's format: ${withCode(f)}`,
    },
    {
      when: subcode(2207004),
      kind: "bad-body" as const,
      message: (f: ErrorFacts<Body>) => `The image is too large for Instagram: ${withCode(f)}`,
    },
    {
      when: subcode(2207005),
      kind: "bad-body" as const,
      message: (f: ErrorFacts<Body>) => `Instagram does not take this image's format: ${withCode(f)}`,
    },
    {
      when: subcode(2207009),
      kind: "bad-body" as const,
      message: (f: ErrorFacts<Body>) => `The aspect ratio is outside what Instagram takes (4:5 to 1.91:1): ${withCode(f)}`,
    },
    {
      when: subcode(2207010),
      kind: "bad-body" as const,
      message: (f: ErrorFacts<Body>) => `The caption is too long for Instagram: ${withCode(f)}`,
    },
    {
      when: subcode(2207020),
      kind: "bad-body" as const,
      message: (f: ErrorFacts<Body>) => `The media container expired before it was published (24 h): ${withCode(f)}`,
    },
    {
      when: subcode(2207028),
      kind: "bad-body" as const,
      message: (f: ErrorFacts<Body>) => `Instagram refused the carousel: ${withCode(f)}`,
    },
    { when: subcode(2207001, 2207050, 2207051, 2207081), kind: "bad-body" as const, message: withCode },
    { when: code(368), kind: "bad-body" as const, message: (f: ErrorFacts<Body>) => `Instagram blocked the action: ${withCode(f)}` },
    // Unknown or service errors, and anything Meta marks transient.
    { when: (f: ErrorFacts<Body>) => code(1, 2)(f) || err(f).is_transient === true, kind: "retry" as const, message: withCode },
    { when: code(100), kind: "bad-body" as const, message: withCode },
    { status: serverError, kind: "retry" as const, message: withCode },
    { status: 401, kind: refreshable ? ("refresh-token" as const) : ("disconnect" as const), message: withCode },
    {
      status: (s: number) => s >= 400 && s < 500 && s !== 429,
      when: (f: ErrorFacts<Body>) => err(f).code !== undefined,
      kind: "bad-body" as const,
      message: withCode,
    },
  ];
}

const table = (refreshable: boolean) =>
  errorTable<Body>({
    code: (b) => (b?.error?.code !== undefined ? String(b.error.code) : undefined),
    text: (b, raw, status) => b?.error?.message ?? (raw.trim().slice(0, 300) || `HTTP ${status}`),
    rows: rows(refreshable),
  });

const facebookLogin = table(false);
const instagramLogin = table(true);

/** Graph API errors for a channel connected with Facebook Login (tokens cannot be refreshed). */
export function classifyInstagramError(body: string, status: number): HandledError | undefined {
  return facebookLogin(body, status);
}

/** Graph API errors for a channel connected with Instagram Login (the long-lived token refreshes). */
export function classifyInstagramLoginError(body: string, status: number): HandledError | undefined {
  return instagramLogin(body, status);
}

/**
 * How long Meta asks to wait, from the X-Business-Use-Case-Usage header (estimated_time_to_regain_access,
 * in minutes, per business object); undefined when it does not say.
 */
export function metaRetryAfter(headers: Headers): number | undefined {
  const raw = headers.get("x-business-use-case-usage");
  if (!raw) return undefined;
  try {
    const usage = JSON.parse(raw) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Object.values(usage)
      .flat()
      .map((u) => Number(u?.estimated_time_to_regain_access))
      .filter((n) => Number.isFinite(n) && n > 0);
    return minutes.length ? Math.max(...minutes) * 60_000 : undefined;
  } catch {
    return undefined;
  }
}
