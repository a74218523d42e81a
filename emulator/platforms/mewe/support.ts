import { bearerGrant, isAnswer } from "@/emulator/kit/access";
import { clientSecretFor } from "@/emulator/kit/oauth";
import type { Account, EmulatorState } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";

// What every MeWe call checks (../shared/platforms/mewe.md §1, and dev.mewe.com/api-communication):
// X-App-Id on every request, X-Api-Key on the token exchange, "Authorization: Bearer <apiToken>"
// on user calls. MeWe documents no error envelope: refusals are short plain-text bodies.

export const PLATFORM = "mewe";

export const plain = (status: number, text: string, headers: Record<string, string> = {}): EmuResponse => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  body: text,
});

/** The app id sent, when it is one the emulator issued credentials to; else MeWe's refusal. */
export function appOf(state: EmulatorState, req: EmuRequest): string | EmuResponse {
  const appId = req.headers["x-app-id"] ?? "";
  if (!appId) return plain(401, "Unauthorized: the X-App-Id header is required");
  if (!clientSecretFor(state, PLATFORM, appId)) return plain(401, "Unauthorized: unknown app");
  return appId;
}

/** The signed-in account behind a user call, or MeWe's refusal. */
export function requireUser(state: EmulatorState, req: EmuRequest): Account | EmuResponse {
  const app = appOf(state, req);
  if (typeof app !== "string") return app;
  const unauthorized = () => plain(401, "Unauthorized");
  const grant = bearerGrant(state, PLATFORM, req.bearer(), { missing: unauthorized, invalid: unauthorized, expired: unauthorized });
  if (isAnswer(grant)) return grant;
  if (grant.clientId !== app) return plain(401, "Unauthorized: the token was issued to another app");
  return state.getAccount(PLATFORM, grant.accountId) ?? unauthorized();
}
