import type { ErrorKind, HandledError } from "../core/errors";

// Medium answers errors as {"errors":[{"message":"<text>","code":<int>}]}. Its README lists only
// HTTP statuses (400 invalid or missing fields; 401 token invalid, revoked or lacking a scope; 403
// no permission to publish, wrong author, or a publication the user cannot publish into); the codes
// come from Medium's own WordPress plugin (Medium/medium-wordpress-plugin lib/medium-admin.php,
// which names 6000, 6001 and 6003 "invalid token", 6002 "missing scope", 6027 "API disabled") and
// from answers users reported. Integration tokens never expire and cannot be refreshed, so every
// token problem means "reconnect with another token".

type Row = { kind: ErrorKind; hint?: string };

const RECONNECT = "Reconnect Medium with a working integration token (Medium settings → Security and apps → Integration tokens).";

/** Medium's error codes, as far as they are known (sources above and in ../shared/platforms/medium.md §4). */
export const MEDIUM_ERROR_CODES: Record<number, Row> = {
  // "An access token is required." (andremueller/md-publisher #1): the token was not accepted at all.
  6000: { kind: "disconnect", hint: RECONNECT },
  6001: { kind: "disconnect", hint: RECONNECT },
  // The token lacks a scope the call needs; Medium's plugin asks for a new token.
  6002: { kind: "disconnect", hint: "This integration token lacks a permission the call needs; create a new one and reconnect Medium." },
  // "Token was invalid." (401).
  6003: { kind: "disconnect", hint: RECONNECT },
  // "User not found" (Medium/medium-sdk-nodejs #33): the token's account is gone or unusable.
  6004: { kind: "disconnect", hint: RECONNECT },
  // "Application not found" (Medium/medium-sdk-nodejs #35, 2020–2025): Medium no longer serves the
  // token's API access; since 2025 it issues no new integration tokens, so there may be no fix.
  6005: {
    kind: "disconnect",
    hint: "Medium no longer accepts this token's API access. Medium issues no new integration tokens, so this account may not be able to publish through the API any more.",
  },
  // Medium's plugin: "The Medium API is temporarily disabled."
  6027: { kind: "retry", hint: "Medium says its API is temporarily disabled; the post will be tried again later." },
  // "If specified, publishedAt must be in the past." (Medium/medium-wordpress-plugin #137).
  2014: { kind: "bad-body" },
};

type MediumErrorBody = { errors?: { message?: unknown; code?: unknown }[] };

/** The first error of Medium's envelope, when the body is one. */
export function parseMediumError(body: string): { message?: string; code?: number } {
  try {
    const first = (JSON.parse(body) as MediumErrorBody).errors?.[0];
    if (!first || typeof first !== "object") return {};
    return {
      message: typeof first.message === "string" && first.message.trim() ? first.message.trim() : undefined,
      code: typeof first.code === "number" ? first.code : undefined,
    };
  } catch {
    return {}; // not JSON: a proxy's or CDN's page
  }
}

const withHint = (text: string, hint?: string) => (hint ? `${text.replace(/[.\s]+$/, "")}. ${hint}` : text);

export function classifyMediumError(body: string, status: number): HandledError | undefined {
  const { message, code } = parseMediumError(body);
  const text = message ?? `HTTP ${status}`;
  const row = code === undefined ? undefined : MEDIUM_ERROR_CODES[code];
  if (row) return { kind: row.kind, message: withHint(`Medium: ${text}`, row.hint) };
  // No refresh exists for integration tokens: a refused token is the user's to replace.
  if (status === 401) return { kind: "disconnect", message: withHint(`Medium: ${text}`, RECONNECT) };
  if (status === 403)
    return {
      kind: "bad-body",
      message: withHint(
        `Medium: ${text}`,
        "The account may not publish here: a publication's writers may only submit drafts, and only its writers and editors may post in it.",
      ),
    };
  if (status === 400) return { kind: "bad-body", message: `Medium: ${text}` };
  return undefined; // 429, 5xx and the rest: the status rules (retry, bad-body)
}
