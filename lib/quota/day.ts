// The platform's day in its own zone (YouTube: midnight Pacific Time), for daily quota buckets.
// Pure, so tested without a database.

/** The calendar day in `zone` at `now`, as a UTC-midnight Date (the form a Postgres DATE takes). */
export function platformDay(zone: string, now = new Date()): Date {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return new Date(`${parts}T00:00:00Z`);
}

/** Milliseconds from `now` until the next midnight in `zone` (daylight-saving days included). */
export function msUntilMidnightIn(zone: string, now = new Date()): number {
  const today = platformDay(zone, now).getTime();
  // Step forward an hour at a time past the day change: exact to the minute within a few steps.
  let t = now.getTime();
  let step = 3_600_000;
  while (platformDay(zone, new Date(t)).getTime() === today) t += step;
  // Narrow back to the minute.
  for (step = step / 2; step >= 30_000; step /= 2) if (platformDay(zone, new Date(t - step)).getTime() !== today) t -= step;
  return Math.max(60_000, t - now.getTime());
}
