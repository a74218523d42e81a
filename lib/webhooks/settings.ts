// Delivery settings, read at call time so tests (and an operator restarting with new env) can
// change them. Defaults: ~10 s per attempt, retries for about a day, disable after a day of
// failures or 10 events in a row that never got through.

const num = (name: string, fallback: number, min = 0): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= min && process.env[name] !== "" ? v : fallback;
};

// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 8 h: eight attempts over about 26 hours.
const DEFAULT_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 28_800_000];

export function webhookSettings() {
  const custom = (process.env.WEBHOOK_RETRY_DELAYS_MS ?? "")
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n) && n >= 0 && String(n) !== "");
  return {
    concurrency: Math.floor(num("WEBHOOK_CONCURRENCY", 16, 1)),
    timeoutMs: num("WEBHOOK_TIMEOUT_MS", 10_000, 100),
    /** Delays before the 2nd, 3rd, … attempt; one more than their number is the attempt limit. */
    retryDelaysMs: custom.length ? custom : DEFAULT_DELAYS_MS,
    /** A Retry-After longer than this is not waited for (the usual schedule applies). */
    maxRetryAfterMs: num("WEBHOOK_MAX_RETRY_AFTER_MS", 6 * 3_600_000),
    leaseMs: num("WEBHOOK_LEASE_MS", 30_000, 500),
    sweepMs: num("WEBHOOK_SWEEP_MS", 5_000, 100),
    pollSeconds: Math.max(0.5, num("WEBHOOK_POLL_SECONDS", 2, 0.5)),
    disableAfterMs: num("WEBHOOK_DISABLE_AFTER_MS", 24 * 3_600_000, 1),
    disableAfterEvents: Math.floor(num("WEBHOOK_DISABLE_AFTER_EVENTS", 10, 1)),
    responseSnippetBytes: 1024,
  };
}
