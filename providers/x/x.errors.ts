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

function parse(body: string): XProblem {
  try {
    const j = JSON.parse(body);
    return j && typeof j === "object" ? (j as XProblem) : {};
  } catch {
    return {};
  }
}

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

export function classifyXError(body: string, status: number): HandledError {
  const p = parse(body);
  const message = xErrorMessage(body, status);
  const words = `${p.type ?? ""} ${p.title ?? ""} ${p.detail ?? ""}`;

  // A suspended account cannot publish whatever we send: the user has to sort it out with X.
  if (/user-suspended|suspended/i.test(words)) return { kind: "disconnect", message };
  if (status === 401 || /unsupported authentication/i.test(words)) return { kind: "refresh-token", message };
  // Token endpoint: a used or revoked refresh token ends the grant.
  if (status === 400 && typeof p.error === "string") return { kind: "disconnect", message };
  if (status === 429) {
    // A monthly usage cap will not lift by waiting minutes; the rate limit will.
    if (/usage-capped|usage ?cap/i.test(words)) return { kind: "bad-body", message };
    return { kind: "retry", message };
  }
  if (status >= 500 || status === 408) return { kind: "retry", message };
  // Duplicates, client-forbidden, "not permitted", bad media, too many items, missing replies.
  return { kind: "bad-body", message };
}
