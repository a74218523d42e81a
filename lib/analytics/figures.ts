import { percentChange, type Change } from "./change";
import type { MetricKind } from "./metrics";

// A figure for a period and its baseline. A level (followers) is its last reading in each period;
// a flow (impressions) is the sum over the days with data. A flow's baseline only counts when the
// previous period has data for at least as many days as this one: comparing 90 days with the 12
// days collected before them would be a made-up trend.

export type Figure = { current: number | null; previous: number | null; change: Change };
export type Aggregate = {
  curDays: number;
  curSum: number | null;
  curLast: number | null;
  prevDays: number;
  prevSum: number | null;
  prevLast: number | null;
};

export function figureOf(kind: MetricKind, a: Aggregate | undefined): Figure {
  if (!a) return { current: null, previous: null, change: { kind: "no-data" } };
  const current = kind === "level" ? a.curLast : a.curDays ? a.curSum : null;
  const previous = kind === "level" ? a.prevLast : a.prevDays && a.prevDays >= a.curDays ? a.prevSum : null;
  return { current, previous, change: percentChange(current, previous) };
}

/** The organization's figure: the channels' figures added up, compared only when every channel with a figure has a baseline. */
export function totalOf(figures: Figure[]): Figure {
  const withData = figures.filter((f) => f.current !== null);
  if (!withData.length) return { current: null, previous: null, change: { kind: "no-data" } };
  const current = withData.reduce((s, f) => s + f.current!, 0);
  const complete = withData.every((f) => f.previous !== null);
  const previous = complete ? withData.reduce((s, f) => s + f.previous!, 0) : null;
  return { current, previous, change: percentChange(current, previous) };
}

/** A count from our own records: zero is a real zero, so both sides always exist. */
export function countFigure(current: number, previous: number): Figure {
  return { current, previous, change: percentChange(current, previous) };
}
