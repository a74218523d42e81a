import { createHash, randomBytes } from "node:crypto";
import { envelope } from "@/emulator/kit/envelope";
import type { Account, EmulatorState, Grant } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";

// API users of the emulated Listmonk server (docs: apis.md "Auth", users_roles.md). Requests
// authenticate with BasicAuth (api_user:token) or "Authorization: token api_user:token". Any API
// user name works; its token is "<user>-token" (shown on the emulator's page). A token is
// registered as a grant of the shared EmulatorState on first use, so tests can revoke it.

export const P = "listmonk";

/** Listmonk's error body: {"message": text}, with the HTTP status. */
export const lmError = envelope((_status, message: string) => ({ message }));

/** The token the emulator accepts for an API user. */
export const tokenFor = (user: string) => `${user}-token`;

/** Names starting with these belong to API users whose role lacks the permissions named. */
export const READ_ONLY_PREFIX = "readonly";
export const NO_SEND_PREFIX = "nosend";

const USER_RE = /^[a-zA-Z0-9_.@-]{1,200}$/;

export type ApiUser = { account: Account; grant: Grant; permissions: Set<string> };

const ALL = [
  "campaigns:get_all",
  "campaigns:manage_all",
  "campaigns:send",
  "lists:get_all",
  "templates:get",
  "media:manage",
  "settings:get",
];

function permissionsOf(user: string): Set<string> {
  if (user.startsWith(READ_ONLY_PREFIX)) return new Set(["campaigns:get_all", "lists:get_all", "templates:get"]);
  if (user.startsWith(NO_SEND_PREFIX)) return new Set(ALL.filter((p) => p !== "campaigns:send"));
  return new Set(ALL);
}

/** A user's numeric id on the server, stable for its name. */
const userId = (user: string) => String(2 + (createHash("sha256").update(user).digest().readUInt32BE(0) % 1_000_000));

function credentials(req: EmuRequest): { user: string; token: string } | EmuResponse {
  const h = req.headers.authorization ?? "";
  const token = /^token\s+([^:\s]+):(\S+)$/i.exec(h);
  if (token) return { user: token[1]!, token: token[2]! };
  const basic = /^basic\s+(\S+)$/i.exec(h);
  if (basic) {
    const raw = basic[1]!;
    if (!/^[A-Za-z0-9+/]+=*$/.test(raw)) return lmError(400, "invalid Base64 value in Basic Authorization header");
    const decoded = Buffer.from(raw, "base64").toString("utf8");
    const at = decoded.indexOf(":");
    if (at < 1) return lmError(403, "invalid API credentials");
    return { user: decoded.slice(0, at), token: decoded.slice(at + 1) };
  }
  // No credentials and no admin session cookie.
  return lmError(403, "invalid session");
}

/** The API user behind a request, or Listmonk's refusal. */
export function apiUser(state: EmulatorState, req: EmuRequest): ApiUser | EmuResponse {
  const c = credentials(req);
  if ("status" in c) return c;
  if (!USER_RE.test(c.user) || c.token !== tokenFor(c.user)) return lmError(403, "invalid API credentials");
  if (!state.accessTokens.has(c.token)) {
    const account = state.account(P, c.user, { id: userId(c.user), name: `${c.user} (API)` });
    const grantId = `grant_${randomBytes(12).toString("base64url")}`;
    state.grants.set(grantId, { id: grantId, platform: P, accountId: account.id, clientId: "api-user", scopes: [], revoked: false });
    // API tokens do not expire.
    state.accessTokens.set(c.token, { grantId, expiresAt: Number.MAX_SAFE_INTEGER });
  }
  const grant = state.checkAccess(P, c.token);
  // A deleted API user or a regenerated token.
  if (typeof grant === "string") return lmError(403, "invalid API credentials");
  const account = state.getAccount(P, grant.accountId)!;
  return { account, grant, permissions: permissionsOf(account.username) };
}

/** Listmonk's refusal when the user's role lacks `permission`, else undefined. */
export const lacks = (u: ApiUser, permission: string): EmuResponse | undefined =>
  u.permissions.has(permission) ? undefined : lmError(403, `permission denied: ${permission}`);

export const isAnswer = (v: ApiUser | EmuResponse): v is EmuResponse => "status" in v;
