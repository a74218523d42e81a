import type { EmulatorState, Grant } from "../state";
import type { EmuResponse } from "../types";

// The bearer check every platform makes before an API call, with each platform's own answers for
// why a token does not do: none sent, unknown, expired, revoked, an app token where a user is
// needed, or a grant without the scope the call needs.

export type Refusals = {
  /** No bearer token was sent. */
  missing: () => EmuResponse;
  /** Unknown token, or one issued for another platform. */
  invalid: () => EmuResponse;
  expired: () => EmuResponse;
  /** The user or a refresh-token reuse revoked the grant; platforms that do not tell it apart say invalid. */
  revoked?: () => EmuResponse;
  /** An app token (client_credentials) on a call that needs a user; allowed when absent. */
  noUser?: () => EmuResponse;
  /** The grant lacks the call's scope; platforms that do not say so answer invalid. */
  scope?: () => EmuResponse;
};

/** Whether a grant's scopes allow a call. */
export type ScopeRule = (held: readonly string[]) => boolean;

/** Every one of `needed` (X). */
export const allScopes =
  (needed: readonly string[]): ScopeRule =>
  (held) =>
    needed.every((s) => held.includes(s));

/** One of `needed`, a broad scope covering its children: "write" covers "write:statuses" (Mastodon). */
export const anyScope =
  (needed: readonly string[]): ScopeRule =>
  (held) =>
    needed.some((s) => held.includes(s) || held.includes(s.split(":")[0]!));

/** The grant behind `token` when it may make the call, or the platform's refusal. */
export function bearerGrant(
  state: EmulatorState,
  platform: string,
  token: string | undefined,
  refuse: Refusals,
  scopes?: ScopeRule,
): Grant | EmuResponse {
  const grant = state.checkAccess(platform, token);
  if (grant === "missing") return refuse.missing();
  if (grant === "expired") return refuse.expired();
  if (grant === "invalid") return refuse.revoked && isRevoked(state, token) ? refuse.revoked() : refuse.invalid();
  if (!grant.accountId && refuse.noUser) return refuse.noUser();
  if (scopes && !scopes(grant.scopes)) return (refuse.scope ?? refuse.invalid)();
  return grant;
}

function isRevoked(state: EmulatorState, token: string | undefined): boolean {
  const at = token ? state.accessTokens.get(token) : undefined;
  return !!at && !!state.grants.get(at.grantId)?.revoked;
}

/** True for an answer (a refusal), false for a grant or other value handlers pass on. */
export const isAnswer = <T extends object>(v: T | EmuResponse): v is EmuResponse => "status" in v && typeof v.status === "number";
