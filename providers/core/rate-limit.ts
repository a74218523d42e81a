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
