// How long a platform asked us to wait. Retry-After is about this very answer, so it always
// counts. The rate-limit reset headers are different: X (x-rate-limit-reset), Bluesky
// (ratelimit-reset) and Mastodon (x-ratelimit-reset) send them on every answer, as the end of
// the current window, so they mean "wait" only on a 429 or when the window has nothing left.
// A 500 with 299 requests remaining must not wait for the window to end.

const RESET = ["x-rate-limit-reset", "ratelimit-reset", "x-ratelimit-reset"];
const REMAINING = ["x-rate-limit-remaining", "ratelimit-remaining", "x-ratelimit-remaining"];

export function retryDelayMs(headers: Headers, status: number, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  // "0" or Reddit's decimal "0.0".
  const exhausted = REMAINING.some((name) => /^0+(\.0+)?$/.test(headers.get(name)?.trim() ?? ""));
  if (status !== 429 && !exhausted) return undefined;
  for (const name of RESET) {
    const v = headers.get(name);
    if (!v) continue;
    const at = resetTime(v, now);
    if (at !== undefined) return Math.max(0, at - now);
  }
  return undefined;
}

/** Where a platform's rate-limit window stands, from the headers of its last answer. */
export type RateLimitState = { limit?: number; remaining?: number; resetAt?: Date };

const LIMIT = ["x-rate-limit-limit", "ratelimit-limit", "x-ratelimit-limit"];

/** The rate-limit headers of an answer (X, Bluesky, Mastodon and IETF spellings), or undefined when it sent none. */
export function rateLimitOf(headers: Headers): RateLimitState | undefined {
  const first = (names: string[]) => names.map((n) => headers.get(n)?.trim()).find((v) => v);
  const count = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  const limit = count(first(LIMIT));
  const remaining = count(first(REMAINING));
  const reset = first(RESET);
  let resetAt: Date | undefined;
  if (reset) {
    const at = resetTime(reset);
    if (at !== undefined) resetAt = new Date(at);
  }
  if (limit === undefined && remaining === undefined && !resetAt) return undefined;
  return { limit, remaining, resetAt };
}

/** Below this a numeric reset cannot be a Unix time (it would be before 2001): it counts seconds from now. */
const EARLIEST_EPOCH_SECONDS = 1_000_000_000;

/**
 * A reset header as ms since the epoch: Unix seconds (X, Bluesky), an ISO 8601 time (Mastodon), or
 * seconds until the window ends (Reddit's X-Ratelimit-Reset, "approximate number of seconds to end
 * of period"); a number too small to be a Unix time is the latter.
 */
function resetTime(v: string, now = Date.now()): number | undefined {
  const n = Number(v);
  if (Number.isFinite(n)) return n < EARLIEST_EPOCH_SECONDS ? now + n * 1000 : n * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : at;
}
