import { randomBytes } from "node:crypto";
import { bearerGrant, isAnswer, type ScopeRule } from "@/emulator/kit/access";
import type { EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every TikTok API v2 call shares (developers.tiktok.com/doc/tiktok-api-v2-error-handling;
// ../shared/platforms/tiktok.md §4): Authorization: Bearer, and the envelope
// {"data":{…},"error":{"code","message","log_id"}}, code "ok" on success.

export const PLATFORM = "tiktok";

export const logId = () => `2026${randomBytes(12).toString("hex").toUpperCase()}`;

export const ok = (data: unknown): EmuResponse => json(200, { data, error: { code: "ok", message: "", log_id: logId() } });

export const apiError = (status: number, code: string, message: string): EmuResponse =>
  json(status, { data: {}, error: { code, message, log_id: logId() } });

export const invalidParams = (message: string) => apiError(400, "invalid_params", message);

const tokenInvalid = () => apiError(401, "access_token_invalid", "The access token is invalid or not found in the request.");

/** The grant behind the bearer token, or TikTok's refusal (an expired, unknown or revoked token all read access_token_invalid). */
export function grantOf(state: EmulatorState, req: EmuRequest, scopes?: ScopeRule): Grant | EmuResponse {
  return bearerGrant(
    state,
    PLATFORM,
    req.bearer(),
    {
      missing: tokenInvalid,
      invalid: tokenInvalid,
      expired: tokenInvalid,
      scope: () => apiError(401, "scope_not_authorized", "The user did not authorize the scope required for completing this request."),
    },
    scopes,
  );
}

export { isAnswer };

/** A JSON body, as TikTok requires on its POST endpoints (application/json; charset=UTF-8). */
export function jsonBody(req: EmuRequest): Record<string, unknown> | EmuResponse {
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json"))
    return invalidParams("Content-Type must be application/json; charset=UTF-8");
  try {
    const b = req.json<unknown>();
    return b && typeof b === "object" && !Array.isArray(b)
      ? (b as Record<string, unknown>)
      : invalidParams("The request body must be a JSON object");
  } catch {
    return invalidParams("The request body is not valid JSON");
  }
}
