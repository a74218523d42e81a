import { describe, expect, it } from "vitest";
import { dateToWallTime, wallTimeToDate, zoneOffsetMinutes } from "@/lib/time/zone";

describe("time zones", () => {
  it("reads a zone's offset, summer and winter", () => {
    expect(zoneOffsetMinutes(new Date("2026-01-15T12:00:00Z"), "America/New_York")).toBe(-300);
    expect(zoneOffsetMinutes(new Date("2026-07-15T12:00:00Z"), "America/New_York")).toBe(-240);
    expect(zoneOffsetMinutes(new Date("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
  });

  it("turns wall times into instants and back", () => {
    expect(wallTimeToDate("2026-11-24T09:30", "America/New_York").toISOString()).toBe("2026-11-24T14:30:00.000Z");
    expect(wallTimeToDate("2026-07-01T09:30", "Europe/Berlin").toISOString()).toBe("2026-07-01T07:30:00.000Z");
    expect(dateToWallTime(new Date("2026-11-24T14:30:00Z"), "America/New_York")).toBe("2026-11-24T09:30");
    expect(wallTimeToDate("2026-11-24T09:30", "UTC").toISOString()).toBe("2026-11-24T09:30:00.000Z");
  });

  it("handles the DST changes: a skipped hour moves forward, a repeated hour takes the first", () => {
    // New York springs forward at 02:00 on 2026-03-08: 02:30 does not exist.
    expect(wallTimeToDate("2026-03-08T02:30", "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(wallTimeToDate("2026-03-08T03:30", "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
    // It falls back at 02:00 on 2026-11-01: 01:30 happens twice (EDT first).
    expect(wallTimeToDate("2026-11-01T01:30", "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
    expect(wallTimeToDate("2026-11-01T03:00", "America/New_York").toISOString()).toBe("2026-11-01T08:00:00.000Z");
  });
});

describe("calendar dates", () => {
  it("adds days across months and years, knows weekdays, and starts days in the zone (DST included)", async () => {
    const { addDays, weekdayIndex, startOfDay } = await import("@/lib/time/zone");
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(weekdayIndex("2026-11-23")).toBe(0); // a Monday
    expect(weekdayIndex("2026-11-29")).toBe(6);
    expect(startOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });
});
