import { errorBody, errorTable } from "../core/error-table";
import type { HandledError } from "../core/errors";

// X answers errors as RFC 7807-like problems ({title, detail, type, status}, sometimes with
// errors[]), and its token endpoint as OAuth errors ({error, error_description}).

type XProblem = {
  title?: string;
  detail?: string;
  type?: string;
  status?: number;
  error?: string;
  error_description?: string;
  errors?: { message?: string; detail?: string }[];
  processing_info?: { state?: string; error?: { message?: string } };
};

const parse = (body: string) => errorBody<XProblem>(body);

const GENERIC_DETAIL = /one or more parameters to your request was invalid/i;

/** X's own words: the specific errors[] messages win over a generic "Invalid Request" detail. */
export function xErrorMessage(body: string, status: number): string {
  const p = parse(body);
  const specific = (p.errors ?? []).map((e) => e.message ?? e.detail).filter((m): m is string => !!m?.trim());
  const processing = p.processing_info?.error?.message;
  const detail = p.detail && !GENERIC_DETAIL.test(p.detail) ? p.detail : undefined;
  const message =
    processing ?? detail ?? (specific.length ? specific.join("; ") : undefined) ?? p.detail ?? p.error_description ?? p.error ?? p.title;
  return message?.trim() || body.trim().slice(0, 300) || `X answered HTTP ${status}`;
}

// Rows in the order they are tried; `match` reads X's problem type, title and detail.
const classify = errorTable<XProblem>({
  code: (p) => (typeof p.error === "string" ? p.error : undefined),
  text: (_p, raw, status) => xErrorMessage(raw, status),
  words: (p) => `${p.type ?? ""} ${p.title ?? ""} ${p.detail ?? ""}`,
  rows: [
    // A suspended account cannot publish whatever we send: the user has to sort it out with X.
    { match: /user-suspended|suspended/i, kind: "disconnect" },
    { status: 401, kind: "refresh-token" },
    { match: /unsupported authentication/i, kind: "refresh-token" },
    // Token endpoint: a used or revoked refresh token ends the grant (an OAuth `error` field).
    { status: 400, when: (f) => f.code !== undefined, kind: "disconnect" },
    // A monthly usage cap will not lift by waiting minutes; the rate limit will.
    { status: 429, match: /usage-capped|usage ?cap/i, kind: "bad-body" },
    { status: 429, kind: "retry" },
    { status: (s) => s >= 500 || s === 408, kind: "retry" },
    // Duplicates, client-forbidden, "not permitted", bad media, too many items, missing replies.
    { kind: "bad-body" },
  ],
});

export function classifyXError(body: string, status: number): HandledError {
  return classify(body, status)!;
}
