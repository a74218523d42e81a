import { describe, expect, it } from "vitest";
import { defaultRepeat, repeatInput, saveRequest } from "@/lib/composer/repeat";
import { repeatSchema } from "@/lib/recurrence/rule";

// Where the composer sends a save, with and without Repeat, and for an occurrence of a series.
const body = { mode: "schedule", publishAt: "2027-03-15T08:00:00.000Z", targets: [{ channelId: "c1", items: [] }] };

describe("composer repeat", () => {
  it("starts weekly on the start's weekday (2027-03-15 is a Monday), switched off", () => {
    const d = defaultRepeat("2027-03-15T09:00");
    expect(d).toMatchObject({ on: false, freq: "weekly", interval: 1, weekdays: ["MO"], endKind: "never" });
    expect(repeatSchema.safeParse(repeatInput({ ...d, endKind: "count", count: 3 })).success).toBe(true);
    expect(repeatInput({ ...d, freq: "daily" }).weekdays).toEqual([]);
  });

  it("sends a new repeating post to /api/series, and an ordinary one as before", () => {
    const on = { ...defaultRepeat("2027-03-15T09:00"), on: true };
    expect(saveRequest(undefined, false, on, body)).toEqual({
      url: "/api/series",
      method: "POST",
      body: {
        publishAt: body.publishAt,
        targets: body.targets,
        repeat: { freq: "weekly", interval: 1, weekdays: ["MO"], end: { kind: "never" } },
      },
    });
    expect(saveRequest(undefined, false, { ...on, on: false }, body)).toMatchObject({ url: "/api/posts", method: "POST" });
    expect(saveRequest(undefined, false, on, { ...body, mode: "draft" })).toMatchObject({ url: "/api/posts", method: "POST" });
    expect(saveRequest("p1", false, on, body)).toMatchObject({ url: "/api/posts/p1", method: "PUT" });
  });

  it("sends an occurrence's edit with its scope, and a new rule only when asked", () => {
    const rule = { freq: "weekly" as const, interval: 2, weekdays: ["MO" as const], end: { kind: "count" as const, count: 4 } };
    const d = defaultRepeat("2027-03-15T09:00", rule);
    expect(d).toMatchObject({ interval: 2, endKind: "count", count: 4, scope: "this" });
    expect(saveRequest("p1", true, d, body)).toEqual({
      url: "/api/posts/p1/occurrence",
      method: "PUT",
      body: { scope: "this", publishAt: body.publishAt, targets: body.targets },
    });
    const following = saveRequest("p1", true, { ...d, scope: "following", changeRule: true, interval: 3 }, body);
    expect(following.body).toMatchObject({ scope: "following", repeat: { interval: 3, end: { kind: "count", count: 4 } } });
  });
});
