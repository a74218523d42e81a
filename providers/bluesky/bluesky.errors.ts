import { errorBody, errorTable } from "../core/error-table";
import type { HandledError } from "../core/errors";

// XRPC failures are {"error": "<Name>", "message": "<text>"} with the HTTP status of the error
// type. The name decides the kind; the message is what the user reads.

export type XrpcError = { error?: string; message?: string };

/** The XRPC error fields of a body ({} when it is not JSON: a proxy's HTML page, say). */
export function parseXrpcError(body: string): XrpcError {
  return parseXrpcFields(errorBody(body));
}

function parseXrpcFields({ error, message }: Record<string, unknown>): XrpcError {
  return { error: typeof error === "string" ? error : undefined, message: typeof message === "string" ? message : undefined };
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

const classify = errorTable({
  code: (b) => parseXrpcFields(b).error,
  text: (b, _raw, status) => {
    const { error, message } = parseXrpcFields(b);
    return message?.trim() || error || `HTTP ${status}`;
  },
  rows: [
    {
      code: "AuthFactorTokenRequired",
      kind: "disconnect",
      message: (f) =>
        `${f.text}. Bluesky asked for an email sign-in code: connect with an app password (Settings → App passwords), which does not need one.`,
    },
    // Access token expired: refreshSession gives a new one. "Token has been revoked" or
    // InvalidToken from refreshSession itself is handled by refreshToken() (one login, else disconnect).
    { code: SESSION_ERRORS, kind: "refresh-token" },
    { code: DISCONNECT_ERRORS, kind: "disconnect" },
    { code: RETRY_ERRORS, kind: "retry" },
    { status: (s) => s === 429 || s >= 500, kind: "retry" },
    { code: BAD_BODY_ERRORS, kind: "bad-body" },
    { status: [400, 413], kind: "bad-body" },
  ],
});

export function classifyXrpcError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
