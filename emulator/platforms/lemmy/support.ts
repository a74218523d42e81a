import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every Lemmy v3 call shares (../shared/platforms/lemmy.md §1, §4): errors as
// {"error": "<snake_case>"} (401 only for incorrect_login, 404 for a missing row, 400 otherwise,
// 429 rate_limit_error); the session JWT in "Authorization: Bearer <jwt>" or the jwt cookie. An
// invalid JWT is ignored, as Lemmy's middleware does: calls that need a user then answer
// not_logged_in. The JWT's claims are sub (local user id), iss (the instance) and iat; no exp.

export const PLATFORM = "lemmy";

export const lemmyError = (status: number, error: string, message?: string): EmuResponse =>
  json(status, message ? { error, message } : { error });

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

/** A JWT-shaped session token whose signature part is the emulator's access token (so grants can be revoked). */
export function jwtFor(accessToken: string, accountId: string, host: string): string {
  return `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub: accountId, iss: host, iat: Math.floor(Date.now() / 1000) })}.${accessToken}`;
}

function jwtOf(req: EmuRequest): string | undefined {
  const bearer = req.bearer();
  if (bearer) return bearer;
  return /(?:^|;\s*)jwt=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
}

/** The signed-in account, or undefined when the JWT is missing or no longer valid (Lemmy ignores it then). */
export function userOf(state: EmulatorState, req: EmuRequest): Account | undefined {
  const jwt = jwtOf(req);
  const at = jwt?.split(".").at(-1);
  const grant = state.checkAccess(PLATFORM, at);
  return typeof grant === "string" ? undefined : state.getAccount(PLATFORM, grant.accountId);
}

export function requireUser(state: EmulatorState, req: EmuRequest): Account | EmuResponse {
  return userOf(state, req) ?? lemmyError(400, "not_logged_in");
}

/** The emulator's password rule: "<username>-password"; usernames containing "2fa" also need the code 123456. */
export const passwordOf = (username: string) => `${username}-password`;
export const TOTP_CODE = "123456";

/** Person ids are per instance: a small number from the account's emulator id. */
export const personId = (acc: Account) => 2 + (parseInt(acc.id.replace(/[^0-9a-f]/g, "").slice(-6) || "0", 16) % 900_000);

export function personJson(req: EmuRequest, acc: Account) {
  return {
    id: personId(acc),
    name: acc.username,
    display_name: acc.name,
    avatar: null,
    banned: false,
    published: "2024-01-01T00:00:00.000000Z",
    actor_id: `${req.base}/u/${acc.username}`,
    local: true,
    deleted: false,
    bot_account: false,
    instance_id: 1,
  };
}

/** Lemmy counts body lengths in UTF-16 code units (validation.rs). */
export const utf16 = (s: string) => s.length;
