import type { HandledError } from "../core/errors";

// XRPC failures are {"error": "<Name>", "message": "<text>"} with the HTTP status of the error
// type. The name decides the kind; the message is what the user reads.

export type XrpcError = { error?: string; message?: string };

export function parseXrpcError(body: string): XrpcError {
  try {
    const j = JSON.parse(body) as unknown;
    if (j && typeof j === "object") {
      const { error, message } = j as Record<string, unknown>;
      return { error: typeof error === "string" ? error : undefined, message: typeof message === "string" ? message : undefined };
    }
  } catch {
    /* not JSON: a proxy's HTML page, say */
  }
  return {};
}

/** Session errors that a new session (refresh, then one login) can cure. */
export const SESSION_ERRORS = new Set(["ExpiredToken", "InvalidToken"]);

const RETRY_ERRORS = new Set([
  "RateLimitExceeded",
  "InvalidSwap",
  "InternalServerError",
  "UpstreamFailure",
  "NotEnoughResources",
  "UpstreamTimeout",
]);
const DISCONNECT_ERRORS = new Set([
  "AuthenticationRequired",
  "AuthMissing",
  "AuthFactorTokenRequired",
  "AccountTakedown",
  "AccountDeactivated",
]);
const BAD_BODY_ERRORS = new Set(["InvalidRequest", "BlobTooLarge", "PayloadTooLarge", "InvalidMimeType", "RecordNotFound"]);

export function classifyXrpcError(body: string, status: number): HandledError | undefined {
  const { error, message } = parseXrpcError(body);
  const text = message?.trim() || error || `HTTP ${status}`;
  if (error === "AuthFactorTokenRequired") {
    return {
      kind: "disconnect",
      message: `${text}. Bluesky asked for an email sign-in code: connect with an app password (Settings → App passwords), which does not need one.`,
    };
  }
  // Access token expired: refreshSession gives a new one. "Token has been revoked" or
  // InvalidToken from refreshSession itself is handled by refreshToken() (one login, else disconnect).
  if (error && SESSION_ERRORS.has(error)) return { kind: "refresh-token", message: text };
  if (error && DISCONNECT_ERRORS.has(error)) return { kind: "disconnect", message: text };
  if ((error && RETRY_ERRORS.has(error)) || status === 429 || status >= 500) return { kind: "retry", message: text };
  if ((error && BAD_BODY_ERRORS.has(error)) || status === 400 || status === 413) return { kind: "bad-body", message: text };
  return undefined;
}
