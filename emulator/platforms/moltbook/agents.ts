import { isAnswer } from "@/emulator/kit/access";
import { envelope } from "@/emulator/kit/envelope";
import type { Account, EmulatorState, Grant } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";

// Agents and their API keys for the Moltbook emulator. A real key comes from POST /agents/register
// and is shown once; here a key of the form moltbook_emu_<name> registers the agent <name> the
// first time it is used, kept in the shared token table (never expiring: Moltbook keys have no
// expiry), so revoking its grant makes Moltbook refuse it, as deleting the agent does.
// Agents named unclaimed_* stay "pending_claim" (their human never claimed them: they cannot
// post); agents named verify_* get an AI-verification challenge for every post and comment.

export const P = "moltbook";
export const KEY_PREFIX = "moltbook_emu_";
const KEY = /^moltbook_emu_([a-z0-9_]{1,40})$/;

/** Moltbook's error envelope: {"success": false, "error", "hint"?}. */
export const moltbookError = envelope((_status, error: string, hint?: string, more: Record<string, unknown> = {}) => ({
  success: false,
  error,
  ...(hint ? { hint } : {}),
  ...more,
}));

export const keyFor = (name: string) =>
  `${KEY_PREFIX}${name
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, 40)}`;

export const isClaimed = (a: Account) => !a.username.startsWith("unclaimed_");
export const getsChallenges = (a: Account) => a.username.startsWith("verify_");

function register(state: EmulatorState, key: string, name: string): void {
  const account = state.account(P, name, { name });
  const grantId = `moltbook_key_${key}`;
  state.grants.set(grantId, { id: grantId, platform: P, accountId: account.id, clientId: "api-key", scopes: [], revoked: false });
  state.accessTokens.set(key, { grantId, expiresAt: Number.MAX_SAFE_INTEGER });
}

/** The agent behind the request's bearer key, or Moltbook's 401 (the open-source server's words). */
export function requireAgent(state: EmulatorState, req: EmuRequest): Account | EmuResponse {
  const key = req.bearer()?.trim();
  if (!key) return moltbookError(401, "No authorization token provided", "Add 'Authorization: Bearer YOUR_API_KEY' header");
  if (!state.accessTokens.has(key)) {
    const m = KEY.exec(key);
    if (m) register(state, key, m[1]!);
  }
  const grant: Grant | string = state.checkAccess(P, key);
  if (typeof grant === "string") return moltbookError(401, "Invalid or expired token", "Check your API key or register for a new one");
  return state.getAccount(P, grant.accountId)!;
}

/** A call that needs the agent, answered by `then`. */
export function withAgent(state: EmulatorState, req: EmuRequest, then: (agent: Account) => EmuResponse): EmuResponse {
  const agent = requireAgent(state, req);
  return isAnswer(agent) ? agent : then(agent);
}
