import { describe, expect, it } from "vitest";
import { snapshotDay } from "@/providers/core/analytics";
import {
  bucketByDay,
  dayInZone,
  lastDays,
  periodDays,
  periodFrom,
  periodInstants,
  periodLength,
  periodQuery,
  previousPeriod,
  weekOf,
} from "@/lib/analytics/periods";

const NY = "America/New_York";

describe("periods in the user's time zone", () => {
  it("takes the last N days ending today in the zone, and the equal period before", () => {
    // 03:00 UTC on the 10th is still the 9th in New York.
    const p = lastDays(7, NY, new Date("2026-03-10T03:00:00Z"));
    expect(p).toEqual({ from: "2026-03-03", to: "2026-03-09" });
    expect(previousPeriod(p)).toEqual({ from: "2026-02-24", to: "2026-03-02" });
    expect(periodLength(previousPeriod(p))).toBe(7);
    expect(periodDays(p)).toHaveLength(7);
  });

  it("covers a spring-forward week with a 23-hour day and puts each instant in its local day", () => {
    const week = { from: "2026-03-05", to: "2026-03-11" };
    const { from, to } = periodInstants(week, NY);
    expect(from.toISOString()).toBe("2026-03-05T05:00:00.000Z"); // EST, UTC-5
    expect(to.toISOString()).toBe("2026-03-12T04:00:00.000Z"); // EDT, UTC-4
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(7 * 24 - 1);

    const instants = [
      "2026-03-08T04:59:00Z", // 23:59 EST on the 7th
      "2026-03-08T05:00:00Z", // 00:00 EST on the 8th
      "2026-03-08T06:59:00Z", // 01:59 EST, just before the jump
      "2026-03-08T07:00:00Z", // 03:00 EDT: 02:00 never happened
      "2026-03-09T03:59:00Z", // 23:59 EDT on the 8th
      "2026-03-09T04:00:00Z", // 00:00 EDT on the 9th
    ].map((s) => new Date(s));
    expect(Object.fromEntries(bucketByDay(instants, NY))).toEqual({ "2026-03-07": 1, "2026-03-08": 4, "2026-03-09": 1 });
  });

  it("covers a fall-back week with a 25-hour day, both 01:30s on the same day", () => {
    const { from, to } = periodInstants({ from: "2026-10-29", to: "2026-11-04" }, NY);
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(7 * 24 + 1);
    const first = new Date("2026-11-01T05:30:00Z"); // 01:30 EDT
    const second = new Date("2026-11-01T06:30:00Z"); // 01:30 EST, an hour later
    expect(dayInZone(first, NY)).toBe("2026-11-01");
    expect(dayInZone(second, NY)).toBe("2026-11-01");
    expect(dayInZone(new Date("2026-11-02T04:59:00Z"), NY)).toBe("2026-11-01"); // 23:59 EST
    expect(dayInZone(new Date("2026-11-02T05:00:00Z"), NY)).toBe("2026-11-02");
    expect(dayInZone(new Date("2026-11-01T03:59:00Z"), NY)).toBe("2026-10-31"); // 23:59 EDT
    expect(weekOf("2026-11-01")).toBe("2026-10-26"); // a Sunday belongs to the week from Monday
  });

  it("validates a custom range, naming the field", () => {
    expect(periodQuery.safeParse({ range: "custom", from: "2026-11-01" }).error?.issues[0]).toMatchObject({ path: ["to"] });
    expect(periodQuery.safeParse({ from: "2026-11-05", to: "2026-11-01" }).error?.issues[0]).toMatchObject({
      path: ["to"],
      message: "to must not be before from",
    });
    expect(periodQuery.safeParse({ from: "2026-02-31", to: "2026-03-01" }).error?.issues[0]).toMatchObject({ path: ["from"] });
    expect(periodQuery.safeParse({ range: "14" }).success).toBe(false);
    const q = periodQuery.parse({ from: "2026-11-01", to: "2026-11-03" });
    expect(periodFrom(q, NY)).toEqual({ from: "2026-11-01", to: "2026-11-03" });
    expect(periodLength(periodFrom(periodQuery.parse({ range: "90" }), NY))).toBe(90);
  });
});

describe("the day a current total is filed under", () => {
  it("is never a day that has not begun in the user's zone, so the latest reading is in their 'today'", () => {
    expect(snapshotDay(new Date("2026-11-25T01:00:00Z"))).toBe("2026-11-24"); // 20:00 in New York on the 24th
    expect(snapshotDay(new Date("2026-11-25T13:00:00Z"))).toBe("2026-11-25");
    for (const at of ["2026-11-25T00:30:00Z", "2026-11-25T11:59:00Z", "2026-11-25T12:00:00Z", "2026-11-25T23:59:00Z"]) {
      for (const tz of ["Pacific/Pago_Pago", "America/Los_Angeles", "America/New_York", "UTC", "Asia/Tokyo", "Pacific/Auckland"]) {
        expect(snapshotDay(new Date(at)) <= dayInZone(new Date(at), tz), `${at} ${tz}`).toBe(true);
      }
    }
  });
});
