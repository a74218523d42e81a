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

function parse(body: string): LinkedInErrorBody {
  try {
    const j = JSON.parse(body) as unknown;
    return j && typeof j === "object" ? (j as LinkedInErrorBody) : {};
  } catch {
    return {};
  }
}

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

export function classifyLinkedInError(body: string, status: number, opts: LinkedInErrorOptions = {}): HandledError | undefined {
  const j = parse(body);
  const text = j.message ?? j.error_description ?? j.error ?? body.trim().slice(0, 300);
  const said = (re: RegExp) => re.test(text) || re.test(j.code ?? "");
  const inputCodes = (j.errorDetails?.inputErrors ?? []).map((e) => e.code ?? "");
  const platform = text ? `LinkedIn: ${text}` : `LinkedIn answered HTTP ${status}`;

  if (j.serviceErrorCode === 65601 || said(/REVOKED_ACCESS_TOKEN|has been revoked/i)) {
    return { kind: "disconnect", message: "LinkedIn says the member revoked Postmill's access. Reconnect the channel." };
  }
  if (
    j.serviceErrorCode === 65600 ||
    said(/EXPIRED_ACCESS_TOKEN|INVALID_ACCESS_TOKEN|Invalid access token|token used in the request is expired/i)
  ) {
    return { kind: "refresh-token", message: `LinkedIn no longer accepts the access token (${text || "expired"}).` };
  }
  if (status === 426 || said(/NONEXISTENT_VERSION/)) {
    return {
      kind: "bad-body",
      message: `${platform}. LinkedIn retired the API version Postmill asked for: set LINKEDIN_API_VERSION to a current version (YYYYMM) or update Postmill.`,
    };
  }
  if (status === 429) {
    return {
      kind: "retry",
      message: `${platform} (LinkedIn's daily limit; it resets at midnight UTC).`,
      retryAfterMs: msUntilMidnightUtc(opts.now),
    };
  }
  // Postiz's experience: a post referring to media LinkedIn is still processing fails this way.
  if (status < 500 && /Unable to obtain activity|resource is forbidden/i.test(text)) {
    return { kind: "retry", message: `${platform} (the media is probably still processing).` };
  }
  if (status === 422 && (inputCodes.includes("DUPLICATE_POST") || /duplicate/i.test(text))) {
    return { kind: "bad-body", message: `LinkedIn refused the post as a duplicate of one already published: ${text}` };
  }
  if (/Organization permissions must be used/i.test(text)) {
    return {
      kind: "bad-body",
      message: `${platform}. The connection lacks LinkedIn's organization permissions; reconnect the page and approve them.`,
    };
  }
  if (status === 403 || said(/ACCESS_DENIED/)) {
    if (opts.organization && /not enough permissions/i.test(text) && /organization/i.test(text)) {
      return {
        kind: "disconnect",
        message: `${platform}. The member is no longer an administrator of this page; reconnect with an admin account.`,
      };
    }
    return {
      kind: "bad-body",
      message: `${platform}. The connection lacks a LinkedIn permission this needs; reconnect and approve every permission.`,
    };
  }
  if (status === 401) return { kind: "refresh-token", message: platform };
  if (status === 408 || status >= 500) return { kind: "retry", message: platform };
  if (status >= 400) return { kind: "bad-body", message: platform };
  return undefined;
}
