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
  if (status !== 429 && !REMAINING.some((name) => headers.get(name)?.trim() === "0")) return undefined;
  for (const name of RESET) {
    const v = headers.get(name);
    if (!v) continue;
    // Unix seconds (X, Bluesky) or an ISO 8601 time (Mastodon).
    const n = Number(v);
    const at = Number.isFinite(n) ? n * 1000 : Date.parse(v);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
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
    const n = Number(reset);
    const at = Number.isFinite(n) ? n * 1000 : Date.parse(reset);
    if (!Number.isNaN(at)) resetAt = new Date(at);
  }
  if (limit === undefined && remaining === undefined && !resetAt) return undefined;
  return { limit, remaining, resetAt };
}
