import { bearerGrant, isAnswer, allScopes } from "@/emulator/kit/access";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every Threads Graph call shares (developers.facebook.com/docs/threads; fact sheet §4): the
// Graph error envelope {"error": {message, type, code, error_subcode?, fbtrace_id}} and the access
// token, sent as the access_token parameter (as every example in the docs does) or as a bearer header.

export const PLATFORM = "threads";
export const VERSION = "/v1.0";

let trace = 0;
export function graphError(
  status: number,
  code: number,
  message: string,
  more: { subcode?: number; type?: string; transient?: boolean } = {},
): EmuResponse {
  return json(status, {
    error: {
      message,
      type: more.type ?? (code === 190 || code === 10 || (code >= 200 && code < 300) ? "OAuthException" : "THApiException"),
      code,
      ...(more.subcode ? { error_subcode: more.subcode } : {}),
      ...(more.transient !== undefined ? { is_transient: more.transient } : {}),
      fbtrace_id: `AemuTrace${(++trace).toString(36)}`,
    },
  });
}

export const invalidParam = (message: string) => graphError(400, 100, message);

/** The access token of a call: the access_token parameter (query or form), else the bearer header. */
export function tokenOf(req: EmuRequest): string | undefined {
  const form = (req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded") ? req.form() : undefined;
  return req.query.get("access_token") ?? form?.get("access_token") ?? req.bearer();
}

/** Every parameter of a call: query string and form body, as the Graph API reads both. */
export function paramsOf(req: EmuRequest): URLSearchParams {
  const out = new URLSearchParams(req.query);
  if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) for (const [k, v] of req.form()) out.set(k, v);
  return out;
}

/** The profile behind the call's token, holding `scopes`, or Threads' refusal. */
export function requireUser(state: EmulatorState, req: EmuRequest, scopes: string[]): Account | EmuResponse {
  const grant = bearerGrant(
    state,
    PLATFORM,
    tokenOf(req),
    {
      missing: () => graphError(400, 2500, "An active access token must be used to query information about the current user."),
      invalid: () => graphError(400, 190, "Invalid OAuth access token - Cannot parse access token"),
      expired: () => graphError(400, 190, "Error validating access token: Session has expired.", { subcode: 463 }),
      revoked: () => graphError(400, 190, "Error validating access token: The user has not authorized application."),
      scope: () => graphError(403, 10, `Application does not have permission for this action (needs ${scopes.join(", ")})`),
    },
    allScopes(scopes),
  );
  if (isAnswer(grant)) return grant;
  return state.getAccount(PLATFORM, grant.accountId) ?? graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
}

/** The caller may only act as itself: /{user-id}/… must be the token's own profile (or "me"). */
export function ownProfile(acc: Account, userId: string | undefined): EmuResponse | undefined {
  if (userId === "me" || userId === acc.id) return undefined;
  return graphError(
    400,
    100,
    `Unsupported request - Object with ID '${userId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
    { subcode: 33 },
  );
}
