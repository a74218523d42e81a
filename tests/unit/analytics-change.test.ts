import { describe, expect, it } from "vitest";
import { formatChange, percentChange } from "@/lib/analytics/change";

describe("percentChange", () => {
  it("computes the change against the previous period", () => {
    expect(percentChange(150, 100)).toEqual({ kind: "percent", value: 50 });
    expect(percentChange(75, 100)).toEqual({ kind: "percent", value: -25 });
    expect(formatChange(percentChange(150, 100))).toBe("+50%");
    expect(formatChange(percentChange(75, 100))).toBe("−25%");
    expect(formatChange(percentChange(1012, 1000))).toBe("+1.2%");
  });

  it("says 'new' from a zero baseline instead of an infinite percentage", () => {
    expect(percentChange(12, 0)).toEqual({ kind: "new" });
    expect(formatChange(percentChange(12, 0))).toBe("new");
    expect(formatChange(percentChange(0, 0))).toBe("0%");
  });

  it("says 'no data' when either side is missing, never a made-up number", () => {
    for (const [c, p] of [
      [10, null],
      [null, 10],
      [undefined, 3],
      [null, null],
      [Number.NaN, 1],
    ] as const) {
      expect(percentChange(c, p)).toEqual({ kind: "no-data" });
    }
    expect(formatChange(percentChange(5, undefined))).toBe("no data");
  });

  it("handles a drop to zero and unchanged figures", () => {
    expect(percentChange(0, 40)).toEqual({ kind: "percent", value: -100 });
    expect(percentChange(40, 40)).toEqual({ kind: "same" });
    expect(formatChange(percentChange(1000.4, 1000))).toBe("0%");
  });
});
