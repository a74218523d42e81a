import { DATE_MAX, DATE_MIN, DATE_WINDOW, isValidTimeZone } from "@/lib/validation";
import { dateToWallTime, wallTimeToDate } from "@/lib/time/zone";

// The date column: an instant written with its offset ("2026-12-10T09:00+01:00", "…Z"), or a wall
// time in a named zone ("2026-12-10 09:00 Europe/Paris", "2026-12-10T09:00[Europe/Paris]"), or a
// bare wall time ("2026-12-10 09:00") read in the row's timezone column, else the user's zone.

const WALL = String.raw`(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?`;
const WITH_OFFSET = new RegExp(`^${WALL}\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)$`, "i");
const WITH_ZONE = new RegExp(`^${WALL}(?:\\s+|\\[)([A-Za-z][\\w/+-]*)\\]?$`);
const BARE = new RegExp(`^${WALL}$`);

export type WhenResult = { at: Date } | { error: string };

function wallOf(m: RegExpExecArray): { wall: string; valid: boolean } {
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const valid = probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return { wall: `${m[1]}-${m[2]}-${m[3]}T${two(h)}:${two(mi)}${s ? `:${two(s)}` : ""}`, valid };
}

function inWindow(at: Date, raw: string): WhenResult {
  if (at < DATE_MIN || at > DATE_MAX) return { error: `"${raw}" is outside the dates posts can have (${DATE_WINDOW})` };
  return { at };
}

/** Zones already checked: Intl builds a formatter to tell, which is slow to repeat on 10,000 rows. */
const knownZones = new Map<string, boolean>();
const zoneExists = (zone: string) => {
  let ok = knownZones.get(zone);
  if (ok === undefined) knownZones.set(zone, (ok = isValidTimeZone(zone)));
  return ok;
};

/** A wall time in a zone; a time the clocks skip (DST starts) does not exist there and is refused. */
function inZone(m: RegExpExecArray, zone: string, raw: string): WhenResult {
  if (!zoneExists(zone)) return { error: `"${zone}" is not a time zone; write one such as Europe/Paris or America/New_York` };
  const { wall, valid } = wallOf(m);
  if (!valid) return { error: `"${raw}" is not a real date and time` };
  const at = wallTimeToDate(wall, zone);
  if (dateToWallTime(at, zone) !== wall.slice(0, 16))
    return { error: `"${raw}" does not exist in ${zone}: the clocks skip that hour when daylight saving time starts; pick another time` };
  return inWindow(at, raw);
}

/** `zone` is the row's timezone cell if it has one, else the user's zone. */
export function parseWhen(raw: string, zone: string): WhenResult {
  const value = raw.trim();
  const offset = WITH_OFFSET.exec(value);
  if (offset) {
    const { wall, valid } = wallOf(offset);
    if (!valid) return { error: `"${raw}" is not a real date and time` };
    const o = offset[7]!.toUpperCase();
    const normal = o === "Z" ? "Z" : `${o.slice(0, 3)}:${o.length > 3 ? o.slice(-2) : "00"}`;
    const at = new Date(`${wall.length === 16 ? `${wall}:00` : wall}${normal}`);
    if (Number.isNaN(at.getTime())) return { error: `"${raw}" has an offset that is not valid; write it as +01:00 or Z` };
    return inWindow(at, raw);
  }
  const zoned = WITH_ZONE.exec(value);
  if (zoned) return inZone(zoned, zoned[7]!, raw);
  const bare = BARE.exec(value);
  if (bare) return inZone(bare, zone, raw);
  return {
    error: `"${raw}" is not a date and time; write 2026-12-31 09:30 (read in the timezone column or your own zone, ${zone}) or with an offset, 2026-12-31T09:30:00+01:00`,
  };
}
