import { describe, expect, it } from "vitest";
import { describeRule } from "@/lib/recurrence/describe";
import { countBefore, firstOccurrences, occurrencesBetween, type SeriesRule } from "@/lib/recurrence/occurrences";
import { repeatSchema, storedRule, type RepeatInput } from "@/lib/recurrence/rule";
import { dateToWallTime } from "@/lib/time/zone";

// Occurrence generation: each frequency and end kind, DST both ways in two zones, month ends.
// The test process runs in TZ=UTC, like the server, which is where naive zone handling breaks.

const series = (repeat: RepeatInput, startLocal: string, timeZone = "UTC"): SeriesRule => ({
  rule: storedRule(repeatSchema.parse(repeat)),
  startLocal,
  timeZone,
});
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const walls = (ds: Date[], tz: string) => ds.map((d) => dateToWallTime(d, tz));

describe("frequencies", () => {
  it("daily every 2 days", () => {
    expect(iso(firstOccurrences(series({ freq: "daily", interval: 2 }, "2027-01-30T10:00"), 3))).toEqual([
      "2027-01-30T10:00:00.000Z",
      "2027-02-01T10:00:00.000Z",
      "2027-02-03T10:00:00.000Z",
    ]);
  });

  it("weekly on chosen weekdays, every 2 weeks", () => {
    const s = series({ freq: "weekly", interval: 2, weekdays: ["MO", "WE"] }, "2027-01-04T09:00"); // a Monday
    expect(walls(firstOccurrences(s, 5), "UTC")).toEqual([
      "2027-01-04T09:00",
      "2027-01-06T09:00",
      "2027-01-18T09:00",
      "2027-01-20T09:00",
      "2027-02-01T09:00",
    ]);
  });

  it("monthly on the 31st skips months without one (RFC 5545)", () => {
    const s = series({ freq: "monthly" }, "2027-01-31T08:30");
    expect(walls(firstOccurrences(s, 4), "UTC")).toEqual(["2027-01-31T08:30", "2027-03-31T08:30", "2027-05-31T08:30", "2027-07-31T08:30"]);
  });

  it("monthly on the 29th keeps February only in a leap year", () => {
    const s = series({ freq: "monthly", interval: 1 }, "2027-12-29T12:00");
    expect(walls(firstOccurrences(s, 4), "UTC")).toEqual(["2027-12-29T12:00", "2028-01-29T12:00", "2028-02-29T12:00", "2028-03-29T12:00"]);
  });
});

describe("end kinds", () => {
  it("after N times", () => {
    const s = series({ freq: "daily", end: { kind: "count", count: 3 } }, "2027-01-01T09:00");
    expect(firstOccurrences(s, 10)).toHaveLength(3);
    expect(occurrencesBetween(s, new Date("2027-01-01T09:00Z"), new Date("2027-12-31Z"))).toHaveLength(2);
  });

  it("on a date: that whole day, in the series' zone, still counts", () => {
    const s = series({ freq: "daily", end: { kind: "until", until: "2027-01-03" } }, "2027-01-01T23:30", "America/New_York");
    expect(walls(firstOccurrences(s, 10), "America/New_York")).toEqual(["2027-01-01T23:30", "2027-01-02T23:30", "2027-01-03T23:30"]);
  });

  it("never: bounded only by the window asked for", () => {
    const s = series({ freq: "weekly", weekdays: ["FR"] }, "2027-01-01T09:00");
    expect(occurrencesBetween(s, new Date("2026-12-31Z"), new Date("2027-12-31T23:59Z"))).toHaveLength(53);
    expect(occurrencesBetween(s, new Date("2026-12-31Z"), new Date("2027-12-31Z"), 5)).toHaveLength(5);
  });

  it("a split series ends before its endsBefore instant, and counts what came before", () => {
    const s = {
      ...series({ freq: "daily", end: { kind: "count", count: 10 } }, "2027-01-01T09:00"),
      endsBefore: new Date("2027-01-04T09:00Z"),
    };
    expect(firstOccurrences(s, 10)).toHaveLength(3);
    expect(countBefore(s, new Date("2027-01-04T09:00Z"))).toBe(3);
  });
});

describe("daylight saving time", () => {
  it("Europe/Berlin weekly 09:00 stays 09:00 local across late March (UTC shifts an hour earlier)", () => {
    const s = series({ freq: "weekly", weekdays: ["MO"] }, "2027-03-22T09:00", "Europe/Berlin");
    const got = firstOccurrences(s, 2);
    expect(iso(got)).toEqual(["2027-03-22T08:00:00.000Z", "2027-03-29T07:00:00.000Z"]);
    expect(walls(got, "Europe/Berlin")).toEqual(["2027-03-22T09:00", "2027-03-29T09:00"]);
  });

  it("Europe/Berlin across late October (UTC shifts an hour later)", () => {
    const s = series({ freq: "weekly", weekdays: ["MO"] }, "2027-10-25T09:00", "Europe/Berlin");
    expect(iso(firstOccurrences(s, 2))).toEqual(["2027-10-25T07:00:00.000Z", "2027-11-01T08:00:00.000Z"]);
  });

  it("America/New_York daily across both changes of 2027", () => {
    const spring = series({ freq: "daily" }, "2027-03-13T08:00", "America/New_York");
    expect(iso(firstOccurrences(spring, 2))).toEqual(["2027-03-13T13:00:00.000Z", "2027-03-14T12:00:00.000Z"]);
    const fall = series({ freq: "daily" }, "2027-11-06T08:00", "America/New_York");
    expect(iso(firstOccurrences(fall, 2))).toEqual(["2027-11-06T12:00:00.000Z", "2027-11-07T13:00:00.000Z"]);
  });

  it("a wall time skipped by the spring jump moves forward with the clocks; a repeated one takes its first instance", () => {
    const gap = series({ freq: "daily" }, "2027-03-13T02:30", "America/New_York");
    expect(walls(firstOccurrences(gap, 3), "America/New_York")).toEqual(["2027-03-13T02:30", "2027-03-14T03:30", "2027-03-15T02:30"]);
    const overlap = series({ freq: "daily" }, "2027-10-30T02:30", "Europe/Berlin");
    expect(iso(firstOccurrences(overlap, 2))[1]).toBe("2027-10-31T00:30:00.000Z");
  });

  it("occurrencesBetween filters on real instants, not the floating ones", () => {
    const s = series({ freq: "daily" }, "2027-01-01T00:30", "Pacific/Auckland"); // UTC+13
    const got = occurrencesBetween(s, new Date("2027-01-01T00:00Z"), new Date("2027-01-02T00:00Z"));
    expect(iso(got)).toEqual(["2027-01-01T11:30:00.000Z"]);
  });
});

describe("validation and words", () => {
  it("names the field and the rule", () => {
    const bad = (r: unknown) => repeatSchema.safeParse(r).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(bad({ freq: "daily", interval: 0 })).toEqual(["interval: interval must be at least 1"]);
    expect(bad({ freq: "daily", interval: 366 })).toEqual(["interval: interval is at most 365"]);
    expect(bad({ freq: "weekly" })).toEqual(["weekdays: pick at least one weekday for a weekly repeat"]);
    expect(bad({ freq: "daily", end: { kind: "count", count: 501 } })).toEqual(["end.count: count is at most 500"]);
    expect(bad({ freq: "daily", end: { kind: "until", until: "2027-02-30" } })).toEqual([
      "end.until: until must be a real date between 2000 and 2100",
    ]);
    expect(bad({ freq: "yearly" })).toEqual(["freq: freq must be daily, weekly or monthly"]);
    expect(bad({ freq: "daily", timeZone: "Mars/Olympus" })).toEqual([
      "timeZone: timeZone must be an IANA time zone such as Europe/Berlin",
    ]);
  });

  it("says the rule in plain language", () => {
    const rule = storedRule(repeatSchema.parse({ freq: "weekly", weekdays: ["WE", "MO"], end: { kind: "until", until: "2027-03-30" } }));
    expect(describeRule(rule, "2027-01-04T09:00", "Europe/Berlin")).toBe(
      "Repeats weekly on Mon, Wed at 09:00 until Mar 30, 2027 (Europe/Berlin)",
    );
    const monthly = storedRule(repeatSchema.parse({ freq: "monthly", interval: 2, end: { kind: "count", count: 5 } }));
    expect(describeRule(monthly, "2027-01-31T09:00", "UTC")).toBe(
      "Repeats every 2 months on the 31st (months without one are skipped) at 09:00, 5 times (UTC)",
    );
  });
});
