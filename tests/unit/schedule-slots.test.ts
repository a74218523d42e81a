import { describe, expect, it } from "vitest";
import { firstFreeSlots, normalizeSlots, slotKey, slotsBetween, slotsOnDay } from "@/lib/schedules/slots";
import { dateToWallTime } from "@/lib/time/zone";

// Weekly slots as wall times in a zone: the same local time on both sides of a DST change, a
// skipped time moved forward with the clocks, a repeated time used once, and the week wrapping.
const iso = (d: Date) => d.toISOString();
const utc = (s: string) => new Date(s);
const SUN = 6;
const MON = 0;

describe("slot instants across DST", () => {
  it("keeps a 09:00 slot at 09:00 local before and after New York springs forward", () => {
    const got = slotsBetween([{ weekday: MON, time: "09:00" }], "America/New_York", utc("2026-03-01T00:00Z"), utc("2026-03-15T00:00Z"));
    expect(got.map(iso)).toEqual(["2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z"]);
    expect(got.map((d) => dateToWallTime(d, "America/New_York").slice(11))).toEqual(["09:00", "09:00"]);
  });

  it("keeps 09:00 local across Berlin's autumn change", () => {
    const got = slotsBetween([{ weekday: MON, time: "09:00" }], "Europe/Berlin", utc("2026-10-18T00:00Z"), utc("2026-11-01T00:00Z"));
    expect(got.map(iso)).toEqual(["2026-10-19T07:00:00.000Z", "2026-10-26T08:00:00.000Z"]);
  });

  it("moves a 02:30 slot skipped by spring-forward to 03:30 local (New York and Berlin)", () => {
    expect(slotsOnDay([{ weekday: SUN, time: "02:30" }], "2026-03-08", "America/New_York").map(iso)).toEqual(["2026-03-08T07:30:00.000Z"]);
    expect(dateToWallTime(utc("2026-03-08T07:30Z"), "America/New_York")).toBe("2026-03-08T03:30");
    expect(slotsOnDay([{ weekday: SUN, time: "02:30" }], "2026-03-29", "Europe/Berlin").map(iso)).toEqual(["2026-03-29T01:30:00.000Z"]);
    expect(dateToWallTime(utc("2026-03-29T01:30Z"), "Europe/Berlin")).toBe("2026-03-29T03:30");
  });

  it("lists one instant when the moved slot meets another slot of that day", () => {
    const slots = [
      { weekday: SUN, time: "02:30" },
      { weekday: SUN, time: "03:30" },
    ];
    expect(slotsOnDay(slots, "2026-03-08", "America/New_York").map(iso)).toEqual(["2026-03-08T07:30:00.000Z"]);
    // The next Sunday they are two slots again.
    expect(slotsOnDay(slots, "2026-03-15", "America/New_York")).toHaveLength(2);
  });

  it("uses a time repeated by fall-back once, at its first occurrence", () => {
    const ny = slotsBetween([{ weekday: SUN, time: "01:30" }], "America/New_York", utc("2026-10-31T00:00Z"), utc("2026-11-02T00:00Z"));
    expect(ny.map(iso)).toEqual(["2026-11-01T05:30:00.000Z"]); // 01:30 EDT; 01:30 EST (06:30Z) is not a second slot
    const berlin = slotsBetween([{ weekday: SUN, time: "02:30" }], "Europe/Berlin", utc("2026-10-24T00:00Z"), utc("2026-10-26T00:00Z"));
    expect(berlin.map(iso)).toEqual(["2026-10-25T00:30:00.000Z"]); // 02:30 CEST, once
  });

  it("handles zones far from UTC and half-hour offsets", () => {
    // Monday 00:15 in Kiritimati (UTC+14) is Sunday 10:15 UTC; in Kolkata (UTC+5:30) Sunday 18:45 UTC.
    const kiri = slotsBetween([{ weekday: MON, time: "00:15" }], "Pacific/Kiritimati", utc("2026-06-06T00:00Z"), utc("2026-06-09T00:00Z"));
    expect(kiri.map(iso)).toEqual(["2026-06-07T10:15:00.000Z"]);
    const kol = slotsBetween([{ weekday: MON, time: "00:15" }], "Asia/Kolkata", utc("2026-06-06T00:00Z"), utc("2026-06-09T00:00Z"));
    expect(kol.map(iso)).toEqual(["2026-06-07T18:45:00.000Z"]);
    // Auckland springs forward on 2026-09-27 (02:00 -> 03:00): 09:00 stays 09:00 local.
    const akl = slotsBetween([{ weekday: SUN, time: "09:00" }], "Pacific/Auckland", utc("2026-09-19T00:00Z"), utc("2026-10-05T00:00Z"));
    expect(akl.map((d) => dateToWallTime(d, "Pacific/Auckland"))).toEqual(["2026-09-20T09:00", "2026-09-27T09:00", "2026-10-04T09:00"]);
    expect(akl.map(iso)).toEqual(["2026-09-19T21:00:00.000Z", "2026-09-26T20:00:00.000Z", "2026-10-03T20:00:00.000Z"]);
  });
});

describe("the next free slots", () => {
  const week = [
    { weekday: MON, time: "09:00" },
    { weekday: 2, time: "13:30" },
    { weekday: 4, time: "17:00" },
  ];

  it("wraps from the end of the week to Monday", () => {
    // Friday 2026-06-12 18:00 UTC is after Friday's 17:00 slot: next is Monday 09:00.
    const [next] = firstFreeSlots(week, "UTC", utc("2026-06-12T18:00Z"), () => false);
    expect(iso(next!)).toBe("2026-06-15T09:00:00.000Z");
  });

  it("skips taken slots and gives slots strictly after the instant", () => {
    const taken = new Set([slotKey(utc("2026-06-15T09:00Z")), slotKey(utc("2026-06-17T13:30Z"))]);
    const got = firstFreeSlots(week, "UTC", utc("2026-06-15T09:00Z"), (d) => taken.has(slotKey(d)), 3);
    expect(got.map(iso)).toEqual(["2026-06-19T17:00:00.000Z", "2026-06-22T09:00:00.000Z", "2026-06-24T13:30:00.000Z"]);
  });

  it("gives none when there are no slots or everything in the horizon is taken", () => {
    expect(firstFreeSlots([], "UTC", new Date(), () => false)).toEqual([]);
    expect(firstFreeSlots(week, "UTC", new Date(), () => true, 1, 30)).toEqual([]);
  });

  it("crosses a DST change in a queue walk without losing or doubling a slot", () => {
    const daily = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, time: "01:30" }));
    const got = firstFreeSlots(daily, "America/New_York", utc("2026-10-30T12:00Z"), () => false, 4);
    expect(got.map((d) => dateToWallTime(d, "America/New_York"))).toEqual([
      "2026-10-31T01:30",
      "2026-11-01T01:30",
      "2026-11-02T01:30",
      "2026-11-03T01:30",
    ]);
  });

  it("sorts and de-duplicates slots", () => {
    expect(
      normalizeSlots([
        { weekday: 3, time: "10:00" },
        { weekday: 0, time: "18:00" },
        { weekday: 0, time: "08:00" },
        { weekday: 3, time: "10:00" },
      ]),
    ).toEqual([
      { weekday: 0, time: "08:00" },
      { weekday: 0, time: "18:00" },
      { weekday: 3, time: "10:00" },
    ]);
  });
});
