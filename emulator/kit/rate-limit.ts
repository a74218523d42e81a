import type { EmulatorState } from "../state";
import type { EmuResponse, Route } from "../types";
import { withHeaders } from "./envelope";

// Rate-limit windows and the headers that tell a client about them, in the three dialects the
// platforms use: X's x-rate-limit-* (reset in epoch seconds), Mastodon's X-RateLimit-* (reset as
// an ISO 8601 time) and the IETF draft's RateLimit-* with a policy, as atproto PDSes send.

export type LimitDialect = "x-rate-limit" | "x-ratelimit" | "ratelimit";
export type LimitWindow = { limit: number; remaining: number; /** ms since the epoch */ resetAt: number; windowSeconds?: number };

// Epoch seconds round up: at that second the window is over, never a moment before.
const epochSeconds = (ms: number) => String(Math.ceil(ms / 1000));

export function limitHeaders(dialect: LimitDialect, w: LimitWindow): Record<string, string> {
  const [limit, remaining] = [String(w.limit), String(w.remaining)];
  if (dialect === "x-rate-limit")
    return { "x-rate-limit-limit": limit, "x-rate-limit-remaining": remaining, "x-rate-limit-reset": epochSeconds(w.resetAt) };
  if (dialect === "x-ratelimit")
    return { "x-ratelimit-limit": limit, "x-ratelimit-remaining": remaining, "x-ratelimit-reset": new Date(w.resetAt).toISOString() };
  return {
    "ratelimit-limit": limit,
    "ratelimit-remaining": remaining,
    "ratelimit-reset": epochSeconds(w.resetAt),
    ...(w.windowSeconds ? { "ratelimit-policy": `${w.limit};w=${w.windowSeconds}` } : {}),
  };
}

export type WindowedLimit = {
  platform: string;
  limit: number;
  windowSeconds: number;
  dialect: LimitDialect;
  /** The platform's 429, before the window headers are added. */
  refuse: () => EmuResponse;
};

/**
 * Wraps a route in fixed per-user windows: every answer carries the window's headers, and a user
 * past the limit gets the platform's 429 until the window resets. Off while benchmarks turn the
 * emulator's rate limits off.
 */
export function withRateLimits(state: EmulatorState, route: Route, o: WindowedLimit): Route {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = o.windowSeconds * 1000;
  return {
    ...route,
    async handle(req, params) {
      if (!state.rateLimits) return route.handle(req, params);
      const grant = state.checkAccess(o.platform, req.bearer());
      const who = typeof grant === "string" ? "anonymous" : grant.accountId;
      const now = Date.now();
      let w = windows.get(who);
      if (!w || now - w.start >= windowMs) windows.set(who, (w = { start: now, count: 0 }));
      const resetAt = w.start + windowMs;
      if (w.count >= o.limit) return withHeaders(o.refuse(), limitHeaders(o.dialect, { limit: o.limit, remaining: 0, resetAt }));
      w.count++;
      const answer = await route.handle(req, params);
      return {
        ...answer,
        headers: { ...limitHeaders(o.dialect, { limit: o.limit, remaining: o.limit - w.count, resetAt }), ...answer.headers },
      };
    },
  };
}

/**
 * A sliding window over request times (limits counted per account, such as logins): `kept` is the
 * times still inside it, now included when allowed; `resetAt` is set when refused, the moment the
 * oldest leaves it.
 */
export function slidingWindow(
  times: number[],
  limit: number,
  windowSeconds: number,
  now = Date.now(),
): { kept: number[]; resetAt?: number } {
  const kept = times.filter((t) => t > now - windowSeconds * 1000);
  if (kept.length >= limit) return { kept, resetAt: kept[0]! + windowSeconds * 1000 };
  return { kept: [...kept, now] };
}
