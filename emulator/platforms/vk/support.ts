import { createHash } from "node:crypto";
import { bearerGrant, isAnswer } from "@/emulator/kit/access";
import type { Account, EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every VK API call shares (dev.vk.com/en/api/api-requests, ../shared/platforms/vk.md §2, §4):
// POST /method/<name> with parameters in the query or a form body (JSON bodies are not read), the
// version `v` required, the token as "Authorization: Bearer" or access_token; errors answer HTTP 200
// with {"error":{"error_code","error_msg","request_params"}}.

export const PLATFORM = "vk";

/** A VK error envelope (HTTP 200), echoing the request's parameters as VK does (never the token). */
export function vkError(code: number, msg: string, params?: URLSearchParams, extra: Record<string, unknown> = {}): EmuResponse {
  const request_params = [...(params ?? new URLSearchParams())]
    .filter(([k]) => k !== "access_token")
    .map(([key, value]) => ({ key, value }));
  return json(200, { error: { error_code: code, error_msg: msg, request_params, ...extra } });
}

/** The call's parameters: the query, then a form-encoded body (a JSON body is not read, as on VK). */
export function paramsOf(req: EmuRequest): URLSearchParams {
  const p = new URLSearchParams(req.query);
  if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) for (const [k, v] of req.form()) p.set(k, v);
  return p;
}

/** VK ids are numbers: an emulated account's user id, fixed by its emulator id. */
export const userIdOf = (acc: Account): number =>
  100_000_000 + (parseInt(createHash("sha1").update(acc.id).digest("hex").slice(0, 7), 16) % 800_000_000);

/** The communities an emulated account manages (groups.get filter=admin,editor): deterministic, so tests can name them. */
export const managedGroups = (acc: Account) => {
  const base = 200_000_000 + (userIdOf(acc) % 100_000_000);
  return [
    { id: base, name: "Garden club", screen_name: `garden${base}`, role: "admin" },
    { id: base + 1, name: "Chess friends", screen_name: `chess${base + 1}`, role: "editor" },
  ];
};

export type Caller = { grant: Grant; acc: Account; uid: number; params: URLSearchParams };

/** The signed-in caller of an API method with `scope` granted, or VK's error. */
export function caller(state: EmulatorState, req: EmuRequest, scope?: string): Caller | EmuResponse {
  const params = paramsOf(req);
  if (!params.get("v")) return vkError(8, "Invalid request: v (version) is required", params);
  const token = req.bearer() ?? params.get("access_token") ?? undefined;
  const refused = (why: string) => () => vkError(5, `User authorization failed: ${why}`, params);
  const grant = bearerGrant(state, PLATFORM, token, {
    missing: refused("no access_token passed."),
    invalid: refused("invalid access_token (4)."),
    expired: refused("access_token has expired."),
  });
  if (isAnswer(grant)) return grant;
  if (scope && !grant.scopes.includes(scope))
    return vkError(7, `Permission to perform this action is denied: no ${scope} permission`, params);
  const acc = state.getAccount(PLATFORM, grant.accountId);
  if (!acc) return refused("user not found.")();
  return { grant, acc, uid: userIdOf(acc), params };
}

export { isAnswer };
