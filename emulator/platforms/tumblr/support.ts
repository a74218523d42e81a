import { createHash } from "node:crypto";
import { bearerGrant, isAnswer, allScopes } from "@/emulator/kit/access";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every Tumblr API v2 call shares (tumblr/docs api.md "Response Format"; ../shared/platforms/
// tumblr.md §1, §4): the envelope {"meta":{"status","msg"},"response":…}, errors as
// {"meta","response":[],"errors":[{"title","code","detail"}]}, the bearer check, and the blogs each
// emulated account owns: its primary blog (named as the user) and a second one, "<user>-art".

export const PLATFORM = "tumblr";

const MSG: Record<number, string> = {
  200: "OK",
  201: "Created",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Limit Exceeded",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export const ok = (response: unknown, status = 200): EmuResponse => json(status, { meta: { status, msg: MSG[status] ?? "OK" }, response });

export function tumblrError(
  status: number,
  title: string,
  code?: number,
  detail?: string,
  headers: Record<string, string> = {},
): EmuResponse {
  return json(
    status,
    {
      meta: { status, msg: MSG[status] ?? "Error" },
      response: [],
      errors: [{ title, ...(code !== undefined ? { code } : {}), ...(detail ? { detail } : {}) }],
    },
    headers,
  );
}

export const unauthorized = () => tumblrError(401, "Unauthorized", 1016, "Unable to authorize");

/** The signed-in user behind a call needing `scopes` (OAuth2 bearer), or Tumblr's refusal. */
export function requireUser(state: EmulatorState, req: EmuRequest, scopes: string[]): Account | EmuResponse {
  const grant = bearerGrant(
    state,
    PLATFORM,
    req.bearer(),
    {
      missing: unauthorized,
      invalid: unauthorized,
      expired: unauthorized,
      scope: () => tumblrError(403, "Forbidden", 1016, `This token lacks the scope this call needs (${scopes.join(", ")})`),
    },
    allScopes(scopes),
  );
  if (isAnswer(grant)) return grant;
  return state.getAccount(PLATFORM, grant.accountId) ?? unauthorized();
}

export type Blog = { name: string; title: string; uuid: string; primary: boolean; followers: number; ownerId: string };

const uuidFor = (name: string) => `t:${createHash("sha1").update(`tumblr-blog/${name}`).digest("base64url").slice(0, 22)}`;

/** An account's blogs: the same every run, so a test can name them. */
export function blogsOf(acc: Account): Blog[] {
  return [
    { name: acc.username, title: acc.name, uuid: uuidFor(acc.username), primary: true, followers: 1200, ownerId: acc.id },
    {
      name: `${acc.username}-art`,
      title: `${acc.name}'s art`,
      uuid: uuidFor(`${acc.username}-art`),
      primary: false,
      followers: 85,
      ownerId: acc.id,
    },
  ];
}

/** The blog a {blog-identifier} names among the account's: its uuid, its name, or <name>.tumblr.com. */
export function ownBlog(acc: Account, identifier: string): Blog | undefined {
  const id = identifier.replace(/\.tumblr\.com$/i, "");
  return blogsOf(acc).find((b) => b.uuid === id || b.name === id);
}
