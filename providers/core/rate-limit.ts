// How long a platform asked us to wait, from whichever header it uses.
export function retryDelayMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  // X: x-rate-limit-reset (unix seconds); Bluesky: ratelimit-reset (unix seconds);
  // Mastodon: x-ratelimit-reset (ISO 8601).
  for (const name of ["x-rate-limit-reset", "ratelimit-reset", "x-ratelimit-reset"]) {
    const v = headers.get(name);
    if (!v) continue;
    const n = Number(v);
    const at = Number.isFinite(n) ? n * 1000 : Date.parse(v);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return undefined;
}
