import { createHash } from "node:crypto";
import { bearerGrant, isAnswer, type Refusals } from "@/emulator/kit/access";
import { envelope } from "@/emulator/kit/envelope";
import type { Account, EmulatorState } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";
import { usernameOf } from "./tokens";

// What the Medium emulator's routes share: the error envelope, the integration-token check, and the
// User object, as Medium's README (Medium/medium-api-docs) describes them.

export const PLATFORM = "medium";

/**
 * Medium's error body: {"errors":[{"message": text, "code": n}]}. The codes are Medium's where
 * known (6000 no token, 6002 missing scope, 6003 invalid token: Medium's WordPress plugin and
 * reported answers); where Medium documents none, the error carries no code.
 */
export const error = envelope((_status, message: string, code?: number) => ({
  errors: [{ message, ...(code === undefined ? {} : { code }) }],
}));

/** The scopes an integration token holds: every one a user's own token may use. */
const TOKEN_SCOPES = ["basicProfile", "listPublications", "publishPost", "uploadImage"];

const invalid = () => error(401, "Token was invalid.", 6003);
const REFUSALS: Refusals = {
  missing: () => error(401, "An access token is required.", 6000),
  invalid,
  // Integration tokens do not expire (README §2.1); an unusable one is simply invalid.
  expired: invalid,
  scope: () => error(401, "Token does not have the required scope.", 6002),
};

/** A Medium user id: long lowercase hex, as in the README's examples. */
const userIdOf = (username: string) => `1${createHash("sha256").update(`medium-user:${username}`).digest("hex").slice(0, 64)}`;

/**
 * The account behind the bearer token, or Medium's 401. A token the emulator made (tokens.ts) is
 * known from its first use on; it never expires, and once its grant is revoked it stays refused.
 */
export function requireUser(state: EmulatorState, req: EmuRequest, scope: string): Account | EmuResponse {
  const token = req.bearer();
  if (token && !state.accessTokens.has(token)) {
    const username = usernameOf(token);
    if (!username) return invalid();
    const acc = state.account(PLATFORM, username, { id: userIdOf(username) });
    const grantId = `medium-grant-${token.slice(-16)}`;
    state.grants.set(grantId, {
      id: grantId,
      platform: PLATFORM,
      accountId: acc.id,
      clientId: "integration-token",
      scopes: TOKEN_SCOPES,
      revoked: false,
    });
    state.accessTokens.set(token, { grantId, expiresAt: Number.MAX_SAFE_INTEGER });
  }
  const grant = bearerGrant(state, PLATFORM, token, REFUSALS, (held) => held.includes(scope));
  if (isAnswer(grant)) return grant;
  return state.getAccount(PLATFORM, grant.accountId) ?? invalid();
}

export const profileUrl = (base: string, acc: Account) => `${base}/@${acc.username}`;

/** The User object of GET /v1/me. */
export function userJson(base: string, acc: Account) {
  return {
    id: acc.id,
    username: acc.username,
    name: acc.name,
    url: profileUrl(base, acc),
    imageUrl: acc.picture ?? `${base}/images/avatar-${acc.id.slice(0, 12)}.png`,
  };
}
