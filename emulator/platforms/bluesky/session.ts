import { createHash } from "node:crypto";
import { bearerGrant, type Refusals } from "@/emulator/kit/access";
import { envelope, withHeaders } from "@/emulator/kit/envelope";
import { limitHeaders, slidingWindow } from "@/emulator/kit/rate-limit";
import type { Account, EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// Accounts and sessions for the Bluesky emulator. Tokens are JWT-shaped (the provider reads
// `exp` from the access token) with the emulator's own opaque token as the signature part, so
// expiry, rotation and reuse detection are the shared EmulatorState's.

export const P = "bluesky";
/** Every emulated account signs in with this app password; accounts appear on first login. */
export const EMULATOR_APP_PASSWORD = "app-pass-word-emul";
/** A "main password" that asks for an email code, as bsky.social does with email 2FA. */
export const EMULATOR_2FA_PASSWORD = "main-password-2fa";
/** Handles starting with this prefix belong to taken-down accounts. */
export const TAKEDOWN_PREFIX = "takendown-";

const LOGIN_LIMIT = 30;
const LOGIN_WINDOW_S = 300;
const REFRESH_TTL_S = 90 * 24 * 3600;
// Real handles are hostnames; "_" is accepted too so the emulator's usual emu_<platform> names work.
const HANDLE_RE = /^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** XRPC's error body: {"error": name, "message": text}. */
export const xrpcError = envelope((_status, error: string, message: string) => ({ error, message }));

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
function jwt(typ: string, payload: Record<string, unknown>, opaque: string): string {
  return `${b64({ typ, alg: "HS256" })}.${b64(payload)}.${opaque}`;
}
const opaqueOf = (token: string) => token.split(".")[2] ?? token;

export function didFor(handle: string): string {
  const h = createHash("sha256").update(handle).digest();
  let s = "";
  for (let i = 0; i < 24; i++) s += "abcdefghijklmnopqrstuvwxyz234567"[h[i]! % 32];
  return `did:plc:${s}`;
}

export const handleOf = (a: Account) => a.username;

/** The account behind a handle, DID or email; a new handle creates its account. */
export function findAccount(state: EmulatorState, identifier: string, create: boolean): Account | undefined {
  const id = identifier.trim().replace(/^@/, "").toLowerCase();
  if (id.startsWith("did:")) return state.getAccount(P, id);
  const all = [...state.accounts.entries()].filter(([key]) => key.startsWith(`${P}/`)).map(([, a]) => a);
  if (id.includes("@")) return all.find((a) => a.extra?.email === id);
  const existing = all.find((a) => a.username === id);
  if (existing || !create || !HANDLE_RE.test(id)) return existing;
  const name = id.split(".")[0]!.replace(/[_-]/g, " ");
  return state.account(P, id, { id: didFor(id), name, extra: { email: `${id}@example.test`, logins: [] as number[] } });
}

/** Logins per account are limited (30 per 5 minutes); answers the 429 when over. */
export function countLogin(account: Account, now = Date.now()): EmuResponse | undefined {
  const logins = ((account.extra ??= {}).logins as number[] | undefined) ?? [];
  const { kept, resetAt } = slidingWindow(logins, LOGIN_LIMIT, LOGIN_WINDOW_S, now);
  account.extra.logins = kept;
  if (resetAt === undefined) return undefined;
  return withHeaders(
    xrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded"),
    limitHeaders("ratelimit", { limit: LOGIN_LIMIT, remaining: 0, resetAt, windowSeconds: LOGIN_WINDOW_S }),
  );
}

type Issued = ReturnType<EmulatorState["issueTokens"]>;

export function sessionAnswer(state: EmulatorState, account: Account, issued?: Issued): EmuResponse {
  const t = issued ?? state.issueTokens(P, account.id, "app-password", ["com.atproto.appPass"], true);
  const now = Math.floor(Date.now() / 1000);
  const aud = "did:web:emulator.invalid";
  return json(200, {
    accessJwt: jwt("at+jwt", { scope: "com.atproto.appPass", sub: account.id, aud, iat: now, exp: now + t.expiresIn }, t.accessToken),
    refreshJwt: jwt(
      "refresh+jwt",
      { scope: "com.atproto.refresh", sub: account.id, aud, jti: t.refreshToken!.slice(-16), iat: now, exp: now + REFRESH_TTL_S },
      t.refreshToken!,
    ),
    handle: account.username,
    did: account.id,
    email: account.extra?.email,
    emailConfirmed: true,
    active: true,
  });
}

/** refreshSession: rotation; an already used refresh token is refused (and its grant revoked). */
export function refreshAnswer(state: EmulatorState, req: EmuRequest): EmuResponse {
  const bearer = req.bearer();
  if (!bearer) return xrpcError(401, "AuthMissing", "Authentication Required");
  const opaque = opaqueOf(bearer);
  if (opaque.startsWith(`${P}_at_`)) return xrpcError(400, "InvalidToken", "Invalid token type");
  const grantBefore = state.refreshTokens.get(opaque)?.grantId;
  const rotated = state.rotate(P, opaque);
  if (rotated === "reused") return xrpcError(400, "ExpiredToken", "Token has been revoked");
  if (rotated === "invalid") {
    const revoked = grantBefore && state.grants.get(grantBefore)?.revoked;
    return revoked
      ? xrpcError(400, "ExpiredToken", "Token has been revoked")
      : xrpcError(400, "InvalidToken", "Token could not be verified");
  }
  const account = state.getAccount(P, state.grants.get(rotated.grantId)!.accountId)!;
  return sessionAnswer(state, account, rotated);
}

/** The grant behind an access JWT, or the PDS's answer for why there is none. */
export function requireAccess(state: EmulatorState, req: EmuRequest): Grant | EmuResponse {
  const bearer = req.bearer();
  if (!bearer) return authMissing();
  const opaque = opaqueOf(bearer);
  if (opaque.startsWith(`${P}_rt_`)) return xrpcError(400, "InvalidToken", "Invalid token type");
  return bearerGrant(state, P, opaque, REFUSALS);
}

// A PDS says 401 only when no token came; a bad or expired one is a 400 naming why.
const authMissing = () => xrpcError(401, "AuthMissing", "Authentication Required");
const REFUSALS: Refusals = {
  missing: authMissing,
  invalid: () => xrpcError(400, "InvalidToken", "Token could not be verified"),
  expired: () => xrpcError(400, "ExpiredToken", "Token has expired"),
};
