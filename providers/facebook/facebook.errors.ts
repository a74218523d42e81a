import { classifyByTable, errorFacts, serverError, type ErrorFacts, type ErrorRow } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Meta's Graph API errors (../shared/platforms/facebook.md §4; Graph API "Handling Errors"):
// {"error":{"message","type","code","error_subcode","error_user_title","error_user_msg","is_transient","fbtrace_id"}},
// mostly with HTTP 400. The code and subcode decide, not the status.

type MetaError = {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; error_user_msg?: string; is_transient?: boolean };
};

const table = {
  code: (b: MetaError) => (typeof b.error?.code === "number" ? String(b.error.code) : undefined),
  text: (b: MetaError, raw: string, status: number) =>
    [b.error?.message, b.error?.error_user_msg].filter(Boolean).join(" — ") || raw.trim().slice(0, 300) || `HTTP ${status}`,
};

const sub =
  (...codes: number[]) =>
  (f: ErrorFacts<MetaError>) =>
    codes.includes(f.body.error?.error_subcode ?? -1);
const codeIn = (lo: number, hi: number) => (f: ErrorFacts<MetaError>) =>
  (f.body.error?.code ?? -1) >= lo && (f.body.error?.code ?? -1) <= hi;

/**
 * Minutes Meta says to wait, from X-Business-Use-Case-Usage (Page-token calls) or X-App-Usage
 * (user and app calls): the largest estimated_time_to_regain_access, in ms. Undefined when absent.
 */
export function metaRetryAfterMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  let minutes: number | undefined;
  for (const name of ["x-business-use-case-usage", "x-app-usage", "x-ad-account-usage"]) {
    const raw = headers.get(name);
    if (!raw) continue;
    try {
      const parsed: unknown = JSON.parse(raw);
      const entries = (
        Array.isArray(parsed) ? parsed : typeof parsed === "object" && parsed ? Object.values(parsed as object).flat() : []
      ) as unknown[];
      for (const e of [parsed, ...entries]) {
        const t = (e as { estimated_time_to_regain_access?: unknown })?.estimated_time_to_regain_access;
        if (typeof t === "number" && t >= 0) minutes = Math.max(minutes ?? 0, t);
      }
    } catch {
      // A header that is not JSON says nothing about when to come back.
    }
  }
  return minutes === undefined ? undefined : minutes * 60_000;
}

/** Meta's throttling codes (Rate Limiting doc): app 4, user 17, page 32, custom 613, Business Use Case 80001–80014. */
const THROTTLED = (f: ErrorFacts<MetaError>) => [4, 17, 32, 613].includes(f.body.error?.code ?? -1) || codeIn(80001, 80014)(f);

function rows(headers: Headers | undefined): ErrorRow<MetaError>[] {
  return [
    // 190 family: the token. "before impersonating a user's page" is a role problem on that Page, not an expired token.
    {
      code: "190",
      match: /impersonat/i,
      kind: "disconnect",
      message: (f) => `Facebook: ${f.text}. Your role on this Page no longer allows posting: ask a Page admin, then reconnect`,
    },
    {
      code: "190",
      when: sub(458, 459, 460, 463, 464, 467, 492),
      kind: "refresh-token",
      message: (f) => `Facebook no longer accepts this login (${f.text}): reconnect the Page`,
    },
    { code: "190", kind: "refresh-token", message: (f) => `Facebook refused the access token (${f.text}): reconnect the Page` },
    // Code 102 (session key invalid) is the older spelling of an expired session.
    { code: "102", kind: "refresh-token", message: (f) => `Facebook: ${f.text}` },
    {
      when: sub(1404078),
      kind: "refresh-token",
      message: (f) => `Facebook asks to authorize publishing again (${f.text}): reconnect the Page`,
    },
    // Throttling: wait as long as the usage headers say, else an hour (Meta's windows are rolling hours).
    {
      when: THROTTLED,
      kind: "retry",
      message: (f) => `Facebook is throttling calls (${f.text}); the post will be tried again later`,
      retryAfterMs: () => metaRetryAfterMs(headers) ?? 3_600_000,
    },
    {
      when: sub(1390008),
      kind: "retry",
      message: (f) => `Facebook says the Page is posting too fast (${f.text})`,
      retryAfterMs: () => 3_600_000,
    },
    // Permissions: 10 and 200–299 (e.g. "(#200) requires pages_manage_posts"). Reconnecting with the permissions ticked fixes them.
    {
      when: (f) => f.body.error?.code === 10 || codeIn(200, 299)(f),
      kind: "disconnect",
      message: (f) => `Facebook refused for lack of a permission (${f.text}): reconnect the Page and allow every permission asked`,
    },
    // Transient: unknown (1), service (2), or anything Meta marks is_transient.
    { when: (f) => f.body.error?.is_transient === true, kind: "retry", message: (f) => `Facebook had a temporary problem (${f.text})` },
    { code: ["1", "2"], kind: "retry", message: (f) => `Facebook had a temporary problem (${f.text})` },
    { code: "368", kind: "bad-body", message: (f) => `Facebook blocked this for policy reasons (${f.text})` },
    { code: "506", kind: "bad-body", message: (f) => `Facebook refused a duplicate post (${f.text})` },
    { code: "1609005", kind: "bad-body", message: (f) => `Facebook could not read the link (${f.text})` },
    { when: sub(1366046, 2069019), kind: "bad-body", message: (f) => `Facebook refused the file (${f.text}): photos JPEG/PNG under 4 MB` },
    {
      when: sub(1346003, 1404102),
      kind: "bad-body",
      message: (f) => `Facebook refused the content under its Community Standards (${f.text})`,
    },
    { code: "100", kind: "bad-body", message: (f) => `Facebook refused the request: ${f.text}` },
    { status: serverError, kind: "retry", message: (f) => `Facebook is having trouble (${f.text})` },
    { when: (f) => !!f.body.error, kind: "bad-body", message: (f) => `Facebook refused the request: ${f.text}` },
  ];
}

export function classifyFacebookError(body: string, status: number, headers?: Headers): HandledError | undefined {
  return classifyByTable(rows(headers), errorFacts(table, body, status));
}

/** Whether an insights answer refused a metric Meta has retired: "(#100) The value must be a valid insights metric". */
export function isInvalidMetric(body: string): boolean {
  const f = errorFacts(table, body, 400);
  return f.body.error?.code === 100 && /metric/i.test(f.text);
}
