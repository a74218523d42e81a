import { classifyByTable, errorFacts, type ErrorFacts, type ErrorRow } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Reduces LinkedIn's error answers ({status, serviceErrorCode, code, message} or the Rest.li
// {errorDetailType, message, errorDetails.inputErrors[].code} shape) to the four outcomes.

type LinkedInErrorBody = {
  status?: number;
  serviceErrorCode?: number;
  code?: string;
  message?: string;
  error?: string;
  error_description?: string;
  errorDetails?: { inputErrors?: { code?: string; description?: string }[] };
};

/** LinkedIn's per-day quotas reset at midnight UTC and a 429 carries no header saying when. */
export function msUntilMidnightUtc(now = Date.now()): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now;
}

export type LinkedInErrorOptions = {
  /** Posting as a company page: a lost admin role on the organization means reconnecting. */
  organization?: boolean;
  now?: number;
};

type Facts = ErrorFacts<LinkedInErrorBody>;
const platform = (f: Facts) => (f.text ? `LinkedIn: ${f.text}` : `LinkedIn answered HTTP ${f.status}`);
const inputCodes = (f: Facts) => (f.body.errorDetails?.inputErrors ?? []).map((e) => e.code ?? "");

// Rows in the order they are tried. `match` reads LinkedIn's message and its `code`; rows about
// the message alone say so with `when`.
function rows(opts: LinkedInErrorOptions): ErrorRow<LinkedInErrorBody>[] {
  return [
    {
      when: (f) => f.body.serviceErrorCode === 65601 || /REVOKED_ACCESS_TOKEN|has been revoked/i.test(f.words),
      kind: "disconnect",
      message: "LinkedIn says the member revoked Postmill's access. Reconnect the channel.",
    },
    {
      when: (f) =>
        f.body.serviceErrorCode === 65600 ||
        /EXPIRED_ACCESS_TOKEN|INVALID_ACCESS_TOKEN|Invalid access token|token used in the request is expired/i.test(f.words),
      kind: "refresh-token",
      message: (f) => `LinkedIn no longer accepts the access token (${f.text || "expired"}).`,
    },
    {
      when: (f) => f.status === 426 || /NONEXISTENT_VERSION/.test(f.words),
      kind: "bad-body",
      message: (f) =>
        `${platform(f)}. LinkedIn retired the API version Postmill asked for: set LINKEDIN_API_VERSION to a current version (YYYYMM) or update Postmill.`,
    },
    {
      status: 429,
      kind: "retry",
      message: (f) => `${platform(f)} (LinkedIn's daily limit; it resets at midnight UTC).`,
      retryAfterMs: () => msUntilMidnightUtc(opts.now),
    },
    // Postiz's experience: a post referring to media LinkedIn is still processing fails this way.
    {
      status: (s) => s < 500,
      when: (f) => /Unable to obtain activity|resource is forbidden/i.test(f.text),
      kind: "retry",
      message: (f) => `${platform(f)} (the media is probably still processing).`,
    },
    {
      status: 422,
      when: (f) => inputCodes(f).includes("DUPLICATE_POST") || /duplicate/i.test(f.text),
      kind: "bad-body",
      message: (f) => `LinkedIn refused the post as a duplicate of one already published: ${f.text}`,
    },
    {
      when: (f) => /Organization permissions must be used/i.test(f.text),
      kind: "bad-body",
      message: (f) => `${platform(f)}. The connection lacks LinkedIn's organization permissions; reconnect the page and approve them.`,
    },
    {
      when: (f) =>
        !!opts.organization &&
        (f.status === 403 || /ACCESS_DENIED/.test(f.words)) &&
        /not enough permissions/i.test(f.text) &&
        /organization/i.test(f.text),
      kind: "disconnect",
      message: (f) => `${platform(f)}. The member is no longer an administrator of this page; reconnect with an admin account.`,
    },
    {
      when: (f) => f.status === 403 || /ACCESS_DENIED/.test(f.words),
      kind: "bad-body",
      message: (f) => `${platform(f)}. The connection lacks a LinkedIn permission this needs; reconnect and approve every permission.`,
    },
    { status: 401, kind: "refresh-token", message: platform },
    { status: (s) => s === 408 || s >= 500, kind: "retry", message: platform },
    { status: (s) => s >= 400, kind: "bad-body", message: platform },
  ];
}

const TABLE = {
  code: (j: LinkedInErrorBody) => j.code,
  text: (j: LinkedInErrorBody, raw: string) => j.message ?? j.error_description ?? j.error ?? raw.trim().slice(0, 300),
  words: (j: LinkedInErrorBody, _raw: string, text: string) => `${text}\n${j.code ?? ""}`,
};

export function classifyLinkedInError(body: string, status: number, opts: LinkedInErrorOptions = {}): HandledError | undefined {
  return classifyByTable(rows(opts), errorFacts(TABLE, body, status));
}
