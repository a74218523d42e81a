import { allScopes, bearerGrant, isAnswer } from "@/emulator/kit/access";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";

// What every Reddit API call checks and answers (../shared/platforms/reddit.md §1, §3, §4; Reddit's
// API wiki): a descriptive User-Agent ("<platform>:<app ID>:<version string> (by /u/<reddit
// username>)"; generic ones are drastically limited), "Authorization: bearer <token>" on
// oauth.reddit.com, the scope each endpoint needs, and the X-Ratelimit-Used / -Remaining / -Reset
// headers (reset: approximate seconds to the end of the period) on every answer. HTTP errors are
// {"message": "Unauthorized", "error": 401}; api_type=json write errors are HTTP 200 with
// {"json": {"errors": [[CODE, message, field]]}}.

export const PLATFORM = "reddit";

export const httpError = (status: number, message: string): EmuResponse => json(status, { message, error: status });

/** An api_type=json refusal: HTTP 200 with json.errors. */
export const apiErrors = (...errors: [string, string, string?][]): EmuResponse =>
  json(200, { json: { errors: errors.map(([c, m, f]) => [c, m, f ?? null]) } });

const USER_AGENT = /^[^:\s]+:[^:\s]+:\S+ \(by \/u\/[A-Za-z0-9_-]{3,20}\)$/;

/** The documented refusal of a generic User-Agent (Reddit answers 429/403 to those), or undefined. */
export function userAgentRefusal(req: EmuRequest): EmuResponse | undefined {
  const ua = req.headers["user-agent"] ?? "";
  if (USER_AGENT.test(ua)) return undefined;
  return httpError(403, `Forbidden: send a unique User-Agent "<platform>:<app ID>:<version> (by /u/<username>)"; got "${ua.slice(0, 80)}"`);
}

/** The signed-in account behind a call holding `scope`, or Reddit's refusal. */
export function requireUser(state: EmulatorState, req: EmuRequest, scope: string): Account | EmuResponse {
  const ua = userAgentRefusal(req);
  if (ua) return ua;
  const unauthorized = () => httpError(401, "Unauthorized");
  const grant = bearerGrant(
    state,
    PLATFORM,
    req.bearer(),
    { missing: unauthorized, invalid: unauthorized, expired: unauthorized, scope: () => httpError(403, "Forbidden") },
    allScopes([scope]),
  );
  if (isAnswer(grant)) return grant;
  return state.getAccount(PLATFORM, grant.accountId) ?? unauthorized();
}

/** Reddit's window: 100 requests a minute per OAuth client, counted over 10 minutes. */
const LIMIT = 1000;
const WINDOW_SECONDS = 600;

/** Reddit's headers: counts as decimals ("599.0"), the reset in whole seconds from now. */
export function limitHeaders(used: number, resetAt: number): Record<string, string> {
  return {
    "x-ratelimit-used": String(used),
    "x-ratelimit-remaining": `${Math.max(0, LIMIT - used)}.0`,
    "x-ratelimit-reset": String(Math.max(0, Math.ceil((resetAt - Date.now()) / 1000))),
  };
}

/** Every API answer carries the client's window; past the limit, 429 until it resets. */
export function withWindow(state: EmulatorState, route: Route): Route {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    ...route,
    async handle(req, params) {
      if (!state.rateLimits) return route.handle(req, params);
      const grant = state.checkAccess(PLATFORM, req.bearer());
      const who = typeof grant === "string" ? "anonymous" : grant.clientId;
      const now = Date.now();
      let w = windows.get(who);
      if (!w || now - w.start >= WINDOW_SECONDS * 1000) windows.set(who, (w = { start: now, used: 0 }));
      const resetAt = w.start + WINDOW_SECONDS * 1000;
      if (w.used >= LIMIT) return { ...httpError(429, "Too Many Requests"), headers: limitHeaders(w.used, resetAt) };
      w.used++;
      const answer = await route.handle(req, params);
      return { ...answer, headers: { ...limitHeaders(w.used, resetAt), ...answer.headers } };
    },
  };
}

/** Base-36 ids, as Reddit's are ("t3_1abc2d"). */
export const base36 = (n: string) => BigInt(n).toString(36);

/** The subreddits of the emulator: every account is subscribed to each; their rules differ. */
export type Subreddit = {
  name: string;
  title: string;
  submission_type: "any" | "link" | "self";
  allow_images: boolean;
  allow_videos: boolean;
  flairRequired: boolean;
  flairs: { id: string; text: string }[];
  moderatorOnly?: boolean;
};

export const SUBREDDITS: Subreddit[] = [
  {
    name: "postmill_sandbox",
    title: "Anything goes",
    submission_type: "any",
    allow_images: true,
    allow_videos: true,
    flairRequired: false,
    flairs: [
      { id: "0b9f7c3e-1111-4a2b-9c1d-000000000001", text: "Discussion" },
      { id: "0b9f7c3e-1111-4a2b-9c1d-000000000002", text: "News" },
    ],
  },
  {
    name: "flair_required",
    title: "Flair is required here",
    submission_type: "any",
    allow_images: true,
    allow_videos: true,
    flairRequired: true,
    flairs: [{ id: "5c2d7e10-2222-4b3c-8d2e-000000000003", text: "Question" }],
  },
  {
    name: "text_only",
    title: "Text posts only",
    submission_type: "self",
    allow_images: false,
    allow_videos: false,
    flairRequired: false,
    flairs: [],
  },
  // Images and links, but video uploads are switched off (about.json allow_videos: false).
  {
    name: "no_videos",
    title: "Pictures, no videos",
    submission_type: "any",
    allow_images: true,
    allow_videos: false,
    flairRequired: false,
    flairs: [],
  },
];

export const subredditNamed = (name: string) => SUBREDDITS.find((s) => s.name.toLowerCase() === name.toLowerCase());
