import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { calendarPosts } from "@/lib/posts/calendar";
import { updatePost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";
import { extendSeries } from "@/lib/posts/series-materialize";
import { createSeries, deleteOccurrence, editOccurrence, stopSeries } from "@/lib/posts/series-operations";
import { seriesOfPost } from "@/lib/posts/series-queries";
import { stopBoss } from "@/lib/queue/boss";
import { seriesHorizonRound } from "@/lib/jobs/periodic";
import { dateToWallTime, wallTimeToDate } from "@/lib/time/zone";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

// Recurring series on the real database: creation materializes occurrences (each its own post with
// targets and jobs), the horizon extension is idempotent even when two run at once, and edits and
// deletes of "this one" / "this and following" leave published occurrences alone.
let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};
const DAY = 86_400_000;
const accepted = (): never => {
  throw new Error("the input was accepted");
};

beforeAll(async () => {
  emu = await useEmulator();
  a = await makeOwner("series");
  ch.x = await connectEmulated(a, emu, "x", "series_x");
  ch.masto = await connectEmulated(a, emu, "mastodon", "series_masto");
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

const targets = (text: string) => [
  { channelId: ch.x!, items: [{ text }] },
  { channelId: ch.masto!, items: [{ text }] },
];
const occurrences = (seriesId: string) =>
  a.db.post.findMany({ where: { seriesId }, orderBy: { occurrenceAt: "asc" }, include: { targets: true } });
const textOf = (p: { targets: { items: unknown }[] }) => (p.targets[0]!.items as { text: string }[])[0]!.text;
/** Tomorrow (UTC) at a wall time, so a test never depends on today's hour. */
const HOUR = 3_600_000;
const tomorrowAt = (hm: string) => wallTimeToDate(`${new Date(Date.now() + DAY).toISOString().slice(0, 10)}T${hm}`, "UTC");

describe("creating a series", () => {
  it("materializes each weekly occurrence at 09:00 Berlin time across the March change, each its own scheduled post", async () => {
    const { seriesId, postIds } = await createSeries(a, {
      publishAt: "2027-03-15T08:00:00Z",
      targets: targets("weekly news"),
      repeat: { freq: "weekly", weekdays: ["MO"], timeZone: "Europe/Berlin" },
    });
    const posts = await occurrences(seriesId);
    expect(posts.map((p) => p.id)).toEqual(postIds);
    // From the start, 60 days ahead: Mondays 15 March .. 10 May.
    expect(posts).toHaveLength(9);
    expect(posts.slice(0, 3).map((p) => p.publishAt!.toISOString())).toEqual([
      "2027-03-15T08:00:00.000Z",
      "2027-03-22T08:00:00.000Z",
      "2027-03-29T07:00:00.000Z",
    ]);
    expect(new Set(posts.map((p) => dateToWallTime(p.publishAt!, "Europe/Berlin").slice(11)))).toEqual(new Set(["09:00"]));
    for (const p of posts) {
      expect(p.targets.map((t) => [t.status, t.dueAt?.toISOString()])).toEqual([
        ["scheduled", p.occurrenceAt!.toISOString()],
        ["scheduled", p.occurrenceAt!.toISOString()],
      ]);
    }
    expect(new Set(posts.flatMap((p) => p.targets.map((t) => t.id))).size).toBe(18);
    const view = await getPost(a, postIds[2]!);
    expect(view.repeats).toBe("Repeats weekly on Mon at 09:00 (Europe/Berlin)");
    const cal = await calendarPosts(a, { from: new Date("2027-03-14Z"), to: new Date("2027-04-01Z") });
    expect(cal.filter((p) => postIds.includes(p.id)).map((p) => p.recurring)).toEqual([true, true, true]);
  });

  it("gives a due occurrence its publish job at once", async () => {
    const soon = new Date(Date.now() + 5 * 60_000);
    const { postIds } = await createSeries(a, {
      publishAt: soon,
      targets: targets("soon"),
      repeat: { freq: "daily", end: { kind: "count", count: 2 } },
    });
    expect(postIds).toHaveLength(2);
    const first = await a.db.postTarget.findMany({ where: { postId: postIds[0]! } });
    expect(first.every((t) => t.jobId)).toBe(true);
  });

  it("refuses bad input naming the field and the rule, and saves nothing", async () => {
    const before = await a.db.postSeries.count();
    const refused = async (body: object) => {
      const e = await createSeries(a, { publishAt: tomorrowAt("10:00"), targets: targets("x"), ...body }).catch((e) => e);
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).fields;
    };
    expect(await refused({ repeat: { freq: "daily", interval: 0 } })).toEqual({ "repeat.interval": "interval must be at least 1" });
    expect(await refused({ repeat: { freq: "daily", end: { kind: "count", count: 0 } } })).toEqual({
      "repeat.end.count": "count must be at least 1",
    });
    expect(await refused({ repeat: { freq: "daily", end: { kind: "until", until: "2026-01-01" } } })).toEqual({
      "repeat.end.until": expect.stringContaining("the end date must be on or after the first post's date"),
    });
    const wrongDay = new Date(tomorrowAt("10:00"));
    const notThatDay = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].filter((_, i) => i !== (wrongDay.getUTCDay() + 6) % 7);
    expect(Object.keys(await refused({ repeat: { freq: "weekly", weekdays: notThatDay.slice(0, 1), timeZone: "UTC" } }))).toEqual([
      "repeat.weekdays",
    ]);
    // Occurrences go through each channel's rules like any post: X takes 280 characters.
    const tooLong = await createSeries(a, {
      publishAt: tomorrowAt("10:00"),
      targets: targets("y".repeat(400)),
      repeat: { freq: "daily" },
    }).then(accepted, (e: ValidationError) => e);
    expect(Object.keys(tooLong.fields)).toEqual(["targets.0.items.0.text"]);
    expect(await a.db.postSeries.count()).toBe(before);
  });
});

describe("extending the horizon", () => {
  it("creates what the horizon lacks once, even with two extensions at the same time", async () => {
    const first = tomorrowAt("10:00");
    const { seriesId } = await createSeries(a, { publishAt: first, targets: targets("daily"), repeat: { freq: "daily" } });
    expect(await a.db.post.count({ where: { seriesId } })).toBe(30); // 30 occurrences come before 60 days do
    expect((await extendSeries(a, seriesId)).created).toEqual([]);
    // An hour after the 10th occurrence, whatever the time of day the test runs: 20 are still ahead.
    const later = new Date(first.getTime() + 9 * DAY + HOUR);
    const [one, two] = await Promise.all([extendSeries(a, seriesId, later), extendSeries(a, seriesId, later)]);
    expect(one.created.length + two.created.length).toBe(10);
    expect((await extendSeries(a, seriesId, later)).created).toEqual([]);
    const posts = await occurrences(seriesId);
    expect(posts).toHaveLength(40);
    expect(new Set(posts.map((p) => p.occurrenceAt!.getTime())).size).toBe(40);
    const gaps = posts.slice(1).map((p, i) => p.occurrenceAt!.getTime() - posts[i]!.occurrenceAt!.getTime());
    expect(new Set(gaps)).toEqual(new Set([DAY]));
  });

  it("the worker's periodic round extends every series; two rounds at once still create each occurrence once", async () => {
    const first = tomorrowAt("12:00");
    const { seriesId } = await createSeries(a, { publishAt: first, targets: targets("round"), repeat: { freq: "daily" } });
    // An hour after the 7th occurrence (whatever the time of day now): 23 ahead, so 7 more come.
    const later = new Date(first.getTime() + 6 * DAY + HOUR);
    const rounds = await Promise.all([seriesHorizonRound(undefined, later), seriesHorizonRound(undefined, later)]);
    expect(rounds.some((r) => r.ran)).toBe(true);
    const posts = await occurrences(seriesId);
    expect(posts).toHaveLength(37);
    expect(new Set(posts.map((p) => p.occurrenceAt!.getTime())).size).toBe(37);
    expect((await seriesHorizonRound(undefined, later)).ran).toBe(true);
    expect(await a.db.post.count({ where: { seriesId } })).toBe(37);
  });

  it("keeps the reason when the content no longer passes a channel's rules, and creates nothing", async () => {
    const { seriesId } = await createSeries(a, {
      publishAt: tomorrowAt("11:00"),
      targets: [{ channelId: ch.masto!, items: [{ text: "m" }] }],
      repeat: { freq: "daily" },
    });
    await a.db.integration.update({ where: { id: ch.masto! }, data: { status: "refresh_needed" } });
    try {
      const res = await extendSeries(a, seriesId, new Date(Date.now() + 5 * DAY));
      expect(res.created).toEqual([]);
      expect(res.error).toContain("reconnect needed");
      expect((await a.db.postSeries.findUnique({ where: { id: seriesId } }))!.lastError).toContain("reconnect needed");
    } finally {
      await a.db.integration.update({ where: { id: ch.masto! }, data: { status: "active" } });
    }
  });
});

describe("editing and deleting occurrences", () => {
  const weekly = async (text: string, end?: object) =>
    createSeries(a, {
      publishAt: "2027-05-03T07:00:00Z",
      targets: targets(text),
      repeat: { freq: "weekly", weekdays: ["MO"], timeZone: "Europe/Berlin", ...(end ? { end } : {}) },
    });
  const publish = (postId: string) =>
    a.db.postTarget.updateMany({ where: { postId }, data: { status: "published", publishedAt: new Date(), dueAt: null, jobId: null } });

  it("this one: the occurrence becomes an ordinary post; the others and the series are unchanged", async () => {
    const { seriesId, postIds } = await weekly("original");
    const occ = (await getPost(a, postIds[1]!)).publishAt!;
    await editOccurrence(a, postIds[1]!, { scope: "this", publishAt: occ, targets: targets("just this one") });
    const posts = await occurrences(seriesId);
    expect(posts.map(textOf)).toEqual(["original", "just this one", ...Array(posts.length - 2).fill("original")]);
    expect(posts[1]!.seriesDetached).toBe(true);
    expect((await getPost(a, postIds[1]!)).repeats).toBeNull();
    expect(await seriesOfPost(a, postIds[1]!)).toBeNull();
    // The plain post edit does the same.
    await updatePost(a, postIds[2]!, { mode: "schedule", publishAt: posts[2]!.publishAt, targets: targets("edited plainly") });
    expect((await a.db.post.findUnique({ where: { id: postIds[2]! } }))!.seriesDetached).toBe(true);
    expect((await extendSeries(a, seriesId, new Date(Date.now() + DAY))).created).toEqual([]);
    expect(await a.db.post.count({ where: { seriesId } })).toBe(posts.length);
  });

  it("this and following: the series splits; unsent later occurrences are regenerated, published ones are not touched", async () => {
    const { seriesId, postIds } = await weekly("v1", { kind: "count", count: 6 });
    expect(postIds).toHaveLength(6);
    await publish(postIds[4]!); // sent early (say "post now"), so it must survive the split
    const at = (await getPost(a, postIds[2]!)).publishAt!;
    // The third occurrence and after: new text, one hour later.
    const res = await editOccurrence(a, postIds[2]!, {
      scope: "following",
      publishAt: new Date(new Date(at).getTime() + 3_600_000),
      targets: targets("v2"),
    });
    const old = await occurrences(seriesId);
    expect(old.map((p) => [textOf(p), p.targets[0]!.status])).toEqual([
      ["v1", "scheduled"],
      ["v1", "scheduled"],
      ["v1", "published"],
    ]);
    expect(old[2]!.id).toBe(postIds[4]);
    const oldSeries = (await a.db.postSeries.findUnique({ where: { id: seriesId } }))!;
    expect(oldSeries.endsBefore!.toISOString()).toBe(at);
    const fresh = await occurrences(res.seriesId!);
    // Six in all: two before the split, so four remain, each at 10:00 Berlin.
    expect(fresh.map(textOf)).toEqual(["v2", "v2", "v2", "v2"]);
    expect(fresh.map((p) => dateToWallTime(p.publishAt!, "Europe/Berlin").slice(11))).toEqual(["10:00", "10:00", "10:00", "10:00"]);
    expect(res.postId).toBe(fresh[0]!.id);
    // The old series does not grow back past the split.
    expect((await extendSeries(a, seriesId, new Date(Date.now() + DAY))).created).toEqual([]);
  });

  it("delete this one, delete this and following, and stop: only unsent occurrences go", async () => {
    const { seriesId, postIds } = await weekly("to delete", { kind: "count", count: 6 });
    await deleteOccurrence(a, postIds[0]!, { scope: "this" });
    expect(await a.db.post.findUnique({ where: { id: postIds[0]! } })).toBeNull();
    expect((await extendSeries(a, seriesId, new Date(Date.now() + DAY))).created).toEqual([]);

    await publish(postIds[4]!);
    expect(await deleteOccurrence(a, postIds[3]!, { scope: "following" })).toEqual({ removed: 2, kept: 1 });
    expect((await occurrences(seriesId)).map((p) => p.id)).toEqual([postIds[1], postIds[2], postIds[4]]);
    expect((await a.db.postTarget.findMany({ where: { postId: postIds[4]! } })).every((t) => t.status === "published")).toBe(true);

    const bad = await deleteOccurrence(a, postIds[1]!, { scope: "both" }).then(accepted, (e: ValidationError) => e);
    expect(bad.fields).toEqual({ scope: "scope must be this or following" });

    expect(await stopSeries(a, postIds[1]!, new Date("2027-01-01Z"))).toEqual({ removed: 2, kept: 1 });
    expect((await occurrences(seriesId)).map((p) => p.id)).toEqual([postIds[4]]);
  });

  it("refuses series edits of a post that is not in a series", async () => {
    const { postIds } = await weekly("single", { kind: "count", count: 1 });
    await editOccurrence(a, postIds[0]!, { scope: "this", publishAt: "2027-05-03T07:00:00Z", targets: targets("now single") });
    await expect(deleteOccurrence(a, postIds[0]!, { scope: "following" })).rejects.toMatchObject({ status: 409 });
  });
});
