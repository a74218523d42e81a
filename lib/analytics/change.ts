// The change of a figure versus the previous equal period, computed from data only: without a
// baseline there is nothing to compare ("no data"), and from a zero baseline a percentage would be
// infinite, so the figure is "new" instead. Nothing here ever invents a number.

export type Change = { kind: "no-data" } | { kind: "new" } | { kind: "same" } | { kind: "percent"; value: number };

export function percentChange(current: number | null | undefined, previous: number | null | undefined): Change {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous)) return { kind: "no-data" };
  if (previous === 0) return current === 0 ? { kind: "same" } : { kind: "new" };
  if (current === previous) return { kind: "same" };
  return { kind: "percent", value: ((current - previous) / Math.abs(previous)) * 100 };
}

/** "+12.5%", "−3%", "0%", "new", "no data". */
export function formatChange(c: Change): string {
  switch (c.kind) {
    case "no-data":
      return "no data";
    case "new":
      return "new";
    case "same":
      return "0%";
    case "percent": {
      const rounded = Math.abs(c.value) >= 10 ? Math.round(c.value) : Math.round(c.value * 10) / 10;
      if (rounded === 0) return "0%";
      return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded)}%`;
    }
  }
}
