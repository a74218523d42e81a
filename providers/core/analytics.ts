import type { MetricGap, MetricPoint } from "../social.integrations.interface";
import { ProviderError } from "./errors";

// Helpers the providers' analytics share. Platform days are UTC dates ("YYYY-MM-DD"): that is
// how the platforms that report per day report them, and what metric_samples.day stores.

const DAY_MS = 86_400_000;

export const utcDay = (d: Date | number | string) => new Date(d).toISOString().slice(0, 10);

/** Every UTC day from range.from to range.to, both included. */
export function utcDays(range: { from: Date; to: Date }): string[] {
  const out: string[] = [];
  const first = Date.parse(`${utcDay(range.from)}T00:00:00Z`);
  for (let t = first; t <= range.to.getTime(); t += DAY_MS) out.push(utcDay(t));
  return out;
}

/** Adds `value` to metric on day, in a per-day tally. */
export function tally(into: Map<string, Record<string, number>>, day: string, values: Record<string, number>): void {
  const row = into.get(day) ?? {};
  for (const [k, v] of Object.entries(values)) row[k] = (row[k] ?? 0) + (Number.isFinite(v) ? v : 0);
  into.set(day, row);
}

/**
 * One point per day and metric for every day of the range, zero where the tally has nothing: the
 * platform was asked about those days and had nothing to report, which is a real zero.
 */
export function dailyPoints(days: string[], metrics: string[], tallied: Map<string, Record<string, number>>): MetricPoint[] {
  return days.flatMap((day) => metrics.map((metric) => ({ metric, day, value: tallied.get(day)?.[metric] ?? 0 })));
}

/**
 * The day a reading of a current total is filed under: the UTC date twelve hours ago, the latest
 * day that has begun in every time zone (UTC-12 to UTC+12). Filed under the plain UTC date, a
 * reading taken at 01:00 UTC would be "tomorrow" for a user in New York until their midnight,
 * and missing from their "last 7 days"; this way the latest reading is always in their today.
 */
export const snapshotDay = (now = new Date()) => utcDay(now.getTime() - 12 * 3_600_000);

/** A reading of a current total (followers…): one point, filed under snapshotDay. */
export function snapshot(values: Record<string, number | undefined>, now = new Date()): MetricPoint[] {
  const day = snapshotDay(now);
  return Object.entries(values)
    .filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]))
    .map(([metric, value]) => ({ metric, day, value }));
}

/** The engagement figure every platform gets: the sum of the interactions it reports. */
export const engagementsOf = (m: Record<string, number | undefined>, keys: string[]) => keys.reduce((s, k) => s + (m[k] ?? 0), 0);

/**
 * Reads one part of an account's analytics (one endpoint). A refusal or an outage becomes a gap
 * naming the metrics it would have given, so the figures of the other parts are still stored; an
 * account problem (a refused token, a suspension) and our own bugs still end the collection.
 */
export async function readPart<T>(gaps: MetricGap[], what: string, metrics: string[], read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof ProviderError) || e.kind === "refresh-token" || e.kind === "disconnect") throw e;
    // A transient failure is worth another try soon; a refusal waits for tomorrow's collection.
    const retry = e.kind === "retry" ? { retryAfterMs: e.details.retryAfterMs ?? 60_000 } : {};
    gaps.push({ what, metrics, reason: e.message, kind: "unavailable", ...retry });
    return undefined;
  }
}

/** A count the platform did not send: "unknown", not zero and not an error. */
export function unknownCount(gaps: MetricGap[], metric: string, reason: string): undefined {
  gaps.push({ what: metric, metrics: [metric], reason, kind: "unknown" });
  return undefined;
}
