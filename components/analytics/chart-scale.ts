// Geometry shared by the SVG charts, drawn at the width the chart really has on screen (so labels
// keep their font size on a phone), and a y axis with "nice" bounds so tick labels are round numbers.

export const VIEW = { h: 200, left: 52, right: 12, top: 12, bottom: 26 };
/** Room one day label needs ("Nov 12" at 12 px), so labels never overlap on a narrow chart. */
const LABEL_WIDTH = 64;

function niceStep(range: number): number {
  const raw = range / 4 || 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
}

/** The y domain and ticks: from zero for bars and flows, around the data for levels (followers). */
export function yAxis(values: number[], fromZero: boolean): { min: number; max: number; ticks: number[] } {
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  let min = fromZero ? Math.min(0, lo) : lo;
  let max = hi;
  if (max === min) {
    // One value (or a flat line): centre it rather than pinning it to an edge.
    const pad = Math.max(1, Math.abs(min) * 0.05);
    if (min !== 0 || !fromZero) min -= pad;
    max += pad;
  }
  // Counts never need ticks between whole numbers.
  const step = values.every(Number.isInteger) ? Math.max(1, niceStep(max - min)) : niceStep(max - min);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 2; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return { min, max, ticks };
}

export function scales(count: number, axis: { min: number; max: number }, width: number) {
  const plotW = Math.max(1, width - VIEW.left - VIEW.right);
  const plotH = VIEW.h - VIEW.top - VIEW.bottom;
  const band = plotW / Math.max(1, count);
  return {
    band,
    x: (i: number) => VIEW.left + band * i + band / 2,
    y: (v: number) => VIEW.top + plotH - ((v - axis.min) / (axis.max - axis.min || 1)) * plotH,
    baseline: VIEW.top + plotH,
    /** Label every nth day: as many labels as fit, at most six. */
    labelEvery: Math.max(1, Math.ceil(count / Math.max(1, Math.min(6, Math.floor(plotW / LABEL_WIDTH))))),
  };
}
