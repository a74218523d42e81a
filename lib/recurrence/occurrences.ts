import * as rruleModule from "rrule";
import type { Options, RRule as RRuleInstance } from "rrule";

import { dateToWallTime, wallTimeToDate } from "@/lib/time/zone";
import { WEEKDAYS, type StoredRule } from "./rule";

// rrule's Node entry is a UMD bundle whose named exports Node's ESM loader cannot see (the worker
// process, run by tsx, failed with "does not provide an export named 'RRule'"): there the classes
// are on the default export. Bundlers take its ES module build, which has only named exports.
const { RRule } = "RRule" in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;

// Occurrences of a rule, DST-correct. rrule's own time-zone support converts through the host's
// zone, which is wrong on a server in UTC, so the rule runs in "floating" time instead: wall
// times are written as if they were UTC instants, the library only counts days, weeks and
// months, and each resulting wall time is turned into a real instant in the series' zone. A
// weekly 09:00 in Europe/Berlin is 08:00Z in winter and 07:00Z in summer; a wall time skipped by
// a spring-forward jump moves forward with the clocks (lib/time/zone.ts).

export type SeriesRule = {
  rule: StoredRule;
  /** The first occurrence as a wall time in the zone: "2027-03-01T09:00". */
  startLocal: string;
  timeZone: string;
  /** Occurrences at or after this instant are no longer the series' (it was split or stopped). */
  endsBefore?: Date | null;
};

const BYDAY = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];
const FREQ = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY } as const;
const DAY_MS = 86_400_000;

function floating(wall: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(wall);
  if (!m) throw new Error(`"${wall}" is not a wall time`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!));
}

/** The rrule object in floating time, exported so tests can compare with the RRULE text. */
export function floatingRule(s: Pick<SeriesRule, "rule" | "startLocal">): RRuleInstance {
  const { rule } = s;
  const options: Partial<Options> = {
    freq: FREQ[rule.freq],
    interval: rule.interval,
    dtstart: floating(s.startLocal),
    wkst: RRule.MO,
  };
  if (rule.freq === "weekly") options.byweekday = rule.weekdays.map((d) => BYDAY[WEEKDAYS.indexOf(d)]!);
  if (rule.end.kind === "count") options.count = rule.end.count;
  // "Until" is a calendar date: the whole of that day, in the series' zone, still counts.
  if (rule.end.kind === "until") options.until = floating(`${rule.end.until}T23:59`);
  return new RRule(options);
}

const toInstant = (f: Date, tz: string) => wallTimeToDate(f.toISOString().slice(0, 16), tz);

/**
 * The occurrences after `after` (exclusive) up to `until` (inclusive), as UTC instants, at most
 * `limit` of them, in order.
 */
export function occurrencesBetween(s: SeriesRule, after: Date, until: Date, limit = Infinity): Date[] {
  const rule = floatingRule(s);
  // A zone is at most ~14 hours from UTC: widen the floating window by a day each side, then
  // filter on the real instants.
  const from = new Date(after.getTime() - DAY_MS);
  const to = new Date(until.getTime() + DAY_MS);
  const out: Date[] = [];
  for (const f of rule.between(from, to, true)) {
    const at = toInstant(f, s.timeZone);
    if (at <= after || at > until) continue;
    if (s.endsBefore && at >= s.endsBefore) break;
    out.push(at);
    if (out.length >= limit) break;
  }
  return out;
}

/** The first `n` occurrences of the series from its start. */
export function firstOccurrences(s: SeriesRule, n: number): Date[] {
  const rule = floatingRule(s);
  const out: Date[] = [];
  rule.all((f, i) => {
    if (i >= n) return false;
    const at = toInstant(f, s.timeZone);
    if (s.endsBefore && at >= s.endsBefore) return false;
    out.push(at);
    return true;
  });
  return out;
}

/** How many occurrences the rule produces strictly before an instant (for splitting a counted series). */
export function countBefore(s: SeriesRule, before: Date): number {
  let n = 0;
  floatingRule(s).all((f) => {
    if (toInstant(f, s.timeZone) >= before) return false;
    n++;
    return true;
  });
  return n;
}

/** The wall time of an instant in the series' zone, as a new series' start. */
export const startLocalOf = (at: Date, tz: string) => dateToWallTime(at, tz);
