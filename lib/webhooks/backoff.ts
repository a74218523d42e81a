// When the next attempt goes: the schedule's delay with ±20 % jitter (so endpoints that failed
// together do not get retried together), or the receiver's Retry-After on 429/503 when it is
// longer and within reason. undefined = no attempts left.

export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const s = header.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function nextDelayMs(
  attemptsMade: number,
  delays: number[],
  opts: { status?: number; retryAfter?: number; maxRetryAfterMs: number; random?: () => number },
): number | undefined {
  const base = delays[attemptsMade - 1];
  if (base === undefined) return undefined;
  const jittered = Math.round(base * (0.8 + 0.4 * (opts.random ?? Math.random)()));
  const honoured =
    (opts.status === 429 || opts.status === 503) && opts.retryAfter !== undefined && opts.retryAfter <= opts.maxRetryAfterMs
      ? opts.retryAfter
      : 0;
  return Math.max(jittered, honoured);
}
