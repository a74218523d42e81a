import { bearerGrant, isAnswer, allScopes, type Refusals } from "@/emulator/kit/access";
import { envelope, withHeaders } from "@/emulator/kit/envelope";
import type { EmulatorState, Grant } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";

// What every Whop API call shares in the emulator: the error body (an HTTP status with a JSON
// `message`, the text Whop's SDK shows, and a `type`), the bearer check with the permission the
// endpoint names in the API reference ("Required permissions: forum:post:create"), and reading a
// JSON body.

export const PLATFORM = "whop";

export const whopError = envelope((_status, type: string, message: string) => ({ error: { type, message }, message }));

const unauthorized = () => whopError(401, "unauthorized", "The access token is invalid or has expired");
const REFUSALS: Refusals = {
  missing: () => whopError(401, "unauthorized", "Missing Authorization header"),
  invalid: unauthorized,
  expired: unauthorized,
};

export const permissionDenied = (permission: string) =>
  whopError(403, "insufficient_scope", `This token is missing the required permission: ${permission}`);

export const tooManyRequests = (retryAfterSeconds: number) =>
  withHeaders(whopError(429, "rate_limited", "Too many requests, slow down"), { "retry-after": String(retryAfterSeconds) });

export const serverError = () => whopError(500, "internal_server_error", "Something went wrong on our end");

/** The grant behind the bearer token when it holds `permission`, or Whop's refusal. */
export function authorized(state: EmulatorState, req: EmuRequest, permission: string): Grant | EmuResponse {
  const grant = bearerGrant(state, PLATFORM, req.bearer(), REFUSALS);
  if (isAnswer(grant)) return grant;
  if (!allScopes([permission])(grant.scopes)) return permissionDenied(permission);
  return grant;
}

export function jsonBody<T>(req: EmuRequest): { body: T } | { error: EmuResponse } {
  if (!(req.headers["content-type"] ?? "").includes("application/json"))
    return { error: whopError(400, "invalid_request", "Content-Type must be application/json") };
  try {
    const body = req.json<T>();
    if (!body || typeof body !== "object") throw new Error("not an object");
    return { body };
  } catch {
    return { error: whopError(400, "invalid_request", "The request body is not valid JSON") };
  }
}
