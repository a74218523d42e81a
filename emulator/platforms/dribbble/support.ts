import { createHash } from "node:crypto";
import { allScopes, bearerGrant, isAnswer } from "@/emulator/kit/access";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every Dribbble v2 call shares (developer.dribbble.com/v2: Authentication, Client Errors,
// Rate Limiting): a bearer token, {"message"} errors (422 adds "errors": [{attribute, message}]),
// and X-RateLimit-* headers on every answer. Every emulated user belongs to one team.

export const PLATFORM = "dribbble";

export const message = (status: number, text: string, extra: Record<string, unknown> = {}): EmuResponse =>
  json(status, { message: text, ...extra });
export const validationFailed = (attribute: string, why: string) =>
  message(422, "Validation failed.", { errors: [{ attribute, message: why }] });
export const badCredentials = () => message(401, "Bad credentials");

/** The signed-in user behind a call needing `scopes`, or Dribbble's refusal. */
export function requireUser(state: EmulatorState, req: EmuRequest, scopes: string[]): Account | EmuResponse {
  const grant = bearerGrant(
    state,
    PLATFORM,
    req.bearer() ?? req.query.get("access_token") ?? undefined,
    {
      missing: badCredentials,
      invalid: badCredentials,
      expired: badCredentials,
      scope: () => message(403, `This action requires the '${scopes.join(" ")}' scope`),
    },
    allScopes(scopes),
  );
  if (isAnswer(grant)) return grant;
  return state.getAccount(PLATFORM, grant.accountId) ?? badCredentials();
}

const numeric = (...parts: string[]) => Number.parseInt(createHash("sha1").update(parts.join("/")).digest("hex").slice(0, 8), 16);

export const teamsOf = (acc: Account) => [
  { id: numeric("team", acc.username), name: `${acc.name} Studio`, login: `${acc.username}-studio` },
];
