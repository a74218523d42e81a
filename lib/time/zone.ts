// Wall-clock times in a user's time zone, without a date library: Intl knows every zone's rules,
// so the offset at an instant is read from it, and a wall time is turned into an instant with the
// zone's offsets a day before and a day after it (the two readings around a DST change).

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

function wallParts(date: Date, tz: string) {
  const p = Object.fromEntries(
    partsFormatter(tz)
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! };
}

/** Minutes the zone is ahead of UTC at that instant (New York in winter: -300). */
export function zoneOffsetMinutes(date: Date, tz: string): number {
  const w = wallParts(date, tz);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall time ("2026-03-08T02:30") denotes in the zone. A time skipped by a DST jump
 * moves forward with the clocks (02:30 becomes 03:30); a repeated one takes its first occurrence.
 */
export function wallTimeToDate(wall: string, tz: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall);
  if (!m) throw new Error(`"${wall}" is not a date and time`);
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  // The offsets a day either side are those before and after any change near this wall time (zones
  // change at most once a day), so both readings of a repeated time are among the candidates,
  // whichever side of UTC the zone is on.
  const first = guess - zoneOffsetMinutes(new Date(guess - 86_400_000), tz) * 60_000;
  const second = guess - zoneOffsetMinutes(new Date(guess + 86_400_000), tz) * 60_000;
  const exact = [first, second].filter((t) => dateToWallTime(new Date(t), tz) === wall.slice(0, 16));
  return new Date(exact.length ? Math.min(...exact) : Math.max(first, second));
}

/** The wall time of an instant in the zone, as a datetime-local value ("2026-11-24T09:30"). */
export function dateToWallTime(date: Date, tz: string): string {
  const w = wallParts(date, tz);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${w.y}-${two(w.mo)}-${two(w.d)}T${two(w.h)}:${two(w.mi)}`;
}

export function formatInZone(
  date: Date | string,
  tz: string,
  opts: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" },
): string {
  return new Intl.DateTimeFormat("en-US", { ...opts, timeZone: tz }).format(new Date(date));
}

/** "2026-11-24" plus n days (calendar arithmetic on the date alone, no zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6 for a calendar date. */
export function weekdayIndex(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The instant a calendar day starts in the zone. */
export const startOfDay = (date: string, tz: string) => wallTimeToDate(`${date}T00:00`, tz);

/** Today's calendar date in the zone. */
export const todayIn = (tz: string, now = new Date()) => dateToWallTime(now, tz).slice(0, 10);
