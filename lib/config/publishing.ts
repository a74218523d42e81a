import "server-only";
// Engine settings, from the environment with production defaults. Tests and the benchmark
// shorten the intervals to exercise crashes and retries quickly.
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

export const publishSettings = () => ({
  /** How long a claim holds without a heartbeat; a dead worker's target is taken over after it. */
  leaseMs: num("PUBLISH_LEASE_MS", 60_000),
  /** How often the sweep looks for due targets without a live job and for expired leases. */
  sweepMs: num("PUBLISH_SWEEP_MS", 60_000),
  /** A target found more than this late (after downtime) is reported instead of published. */
  graceMs: num("PUBLISH_GRACE_MINUTES", 60) * 60_000,
  /**
   * Attempts before a transient failure becomes a failure. Eight, because the backoff starts at
   * seconds: 5 s doubling gives the platform about ten minutes to come back before we give up.
   */
  maxAttempts: num("PUBLISH_MAX_ATTEMPTS", 8),
  /**
   * First retry delay when the platform asks for no wait (a 5xx, a timeout); doubles per attempt up
   * to retryMaxMs. Seconds, not minutes: a passing server error should delay a post by little.
   */
  retryBaseMs: num("PUBLISH_RETRY_BASE_MS", 5_000),
  retryMaxMs: num("PUBLISH_RETRY_MAX_MS", 15 * 60_000),
  /** The longest a worker sleeps before looking at the schedule again (other processes' posts). */
  idlePollMs: num("PUBLISH_IDLE_POLL_MS", 5_000),
  /** Media caps: fetched files larger than this are refused whatever the platform allows. */
  mediaMaxBytes: num("MEDIA_MAX_BYTES", 512 * 1024 * 1024),
});
