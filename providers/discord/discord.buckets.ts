import { ProviderError } from "../core/errors";

// Discord's per-route rate limits (rate-limits.mdx): every answer names the route's bucket
// (X-RateLimit-Bucket), what is left in it (X-RateLimit-Remaining) and when it refills
// (X-RateLimit-Reset-After, seconds, decimal). Buckets are per major parameter (the channel or
// server in the path), and routes may share one. A call on a bucket that is spent waits for its
// reset instead of spending one of the invalid requests Discord counts against the bot (10,000
// 401/403/429 per 10 minutes get it banned for a while). Kept per process; the 429's retry_after
// covers what another worker spent.

type Window = { remaining: number; resetAt: number };

/** route ("POST /channels/:id/messages") → the bucket Discord said it belongs to. */
const routeBuckets = new Map<string, string>();
/** "<bucket>:<major id>" → its window. */
const windows = new Map<string, Window>();

const SNOWFLAKE = /^\d{15,25}$/;

/** A route's identity and its major parameter: ids in the path become ":id", the first one (channel or server) is the major. */
export function routeOf(method: string, path: string): { route: string; major: string } {
  const parts = path.split("?")[0]!.split("/");
  let major = "";
  const shape = parts.map((p, i) => {
    const id = SNOWFLAKE.test(p) || (i > 0 && ["channels", "guilds", "webhooks"].includes(parts[i - 1]!) && p !== "");
    if (!id) return p;
    if (!major) major = p;
    return ":id";
  });
  return { route: `${method.toUpperCase()} ${shape.join("/")}`, major };
}

const keyOf = (route: string, major: string) => `${routeBuckets.get(route) ?? route}:${major}`;

/** How long to wait before calling this route, 0 when its bucket has requests left (or is unknown). */
export function waitFor(method: string, path: string, now = Date.now()): number {
  const { route, major } = routeOf(method, path);
  const w = windows.get(keyOf(route, major));
  if (!w || w.remaining > 0 || w.resetAt <= now) return 0;
  return w.resetAt - now;
}

/** Remembers what an answer said about its bucket. */
export function noteAnswer(method: string, path: string, headers: Headers, now = Date.now()): void {
  const { route, major } = routeOf(method, path);
  const bucket = headers.get("x-ratelimit-bucket");
  if (bucket) routeBuckets.set(route, bucket);
  const remaining = Number(headers.get("x-ratelimit-remaining"));
  const after = Number(headers.get("x-ratelimit-reset-after"));
  if (headers.get("x-ratelimit-remaining") === null || !Number.isFinite(remaining) || !Number.isFinite(after)) return;
  windows.set(keyOf(route, major), { remaining, resetAt: now + after * 1000 });
}

/** Sits out a spent bucket when the wait is short, else hands it to the caller as a "retry" with the time. */
export async function awaitBucket(method: string, path: string, maxWaitMs: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  const wait = waitFor(method, path);
  if (!wait) return;
  if (wait > maxWaitMs)
    throw new ProviderError("retry", `Discord's rate limit for this channel resets in ${Math.ceil(wait / 1000)} s`, {
      retryAfterMs: wait,
      mayHavePublished: false,
    });
  await sleep(wait);
}

/** For tests: forget every bucket. */
export function resetBuckets(): void {
  routeBuckets.clear();
  windows.clear();
}
