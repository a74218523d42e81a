import { describe, expect, it } from "vitest";
import { scales, VIEW } from "@/components/analytics/chart-scale";

// The analytics charts are drawn at their width on screen (a phone's 300-odd pixels or a wide
// desktop column), so the marks must stay inside the plot and the day labels must not collide.

describe("chart scales at the chart's real width", () => {
  const axis = { min: 0, max: 10 };

  it.each([300, 358, 640, 1200])("keeps 30 days inside the plot and labels apart at %i px", (width) => {
    const s = scales(30, axis, width);
    expect(s.x(0)).toBeGreaterThanOrEqual(VIEW.left);
    expect(s.x(29)).toBeLessThanOrEqual(width - VIEW.right);
    const labels = Math.ceil(30 / s.labelEvery);
    const gap = s.band * s.labelEvery;
    // "Nov 12" at 12 px is about 40 px wide: neighbours keep a gap of more than that.
    expect(gap).toBeGreaterThan(48);
    expect(labels).toBeLessThanOrEqual(6);
    expect(labels).toBeGreaterThanOrEqual(width > 600 ? 5 : 2);
  });

  it("labels every day of a short period when there is room", () => {
    expect(scales(7, axis, 640).labelEvery).toBe(2);
    expect(scales(5, axis, 640).labelEvery).toBe(1);
  });

  it("puts the baseline at the bottom of the plot and the maximum at the top", () => {
    const s = scales(7, axis, 400);
    expect(s.y(0)).toBe(s.baseline);
    expect(s.y(10)).toBe(VIEW.top);
  });
});
