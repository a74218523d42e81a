import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { cancelPost, createPost, deletePost, reschedulePost } from "@/lib/posts/operations";
import { stopBoss } from "@/lib/queue/boss";
import { addToQueue } from "@/lib/schedules/add-to-queue";
import { freeSlotsBetween, nextFreeSlots } from "@/lib/schedules/free-slots";
import { saveSchedules } from "@/lib/schedules/store";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

// "Add to queue" on real Postgres: each channel's next free slot, two requests at once never in
// one slot, slots taken by hand-scheduled posts skipped, paused queues, and gaps closing.
let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};
// Every hour on the hour, every day: the slots after "now" are easy to predict.
const HOURLY = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
  Array.from({ length: 24 }, (_, h) => ({ weekday, time: `${String(h).padStart(2, "0")}:00` })),
);
const hour = 3_600_000;
const text = (s: string) => [{ channelId: "", items: [{ text: s }] }];
const on = (channelId: string, s: string) => ({ targets: text(s).map((t) => ({ ...t, channelId })) });
const targetOf = async (postId: string) => db.postTarget.findFirstOrThrow({ where: { postId } });

beforeAll(async () => {
  emu = await useEmulator();
  a = await makeOwner("queue-a");
  b = await makeOwner("queue-b");
  ch.x = await connectEmulated(a, emu, "x", "queue_x");
  ch.masto = await connectEmulated(a, emu, "mastodon", "queue_masto");
  ch.paused = await connectEmulated(a, emu, "mastodon", "queue_paused");
  ch.bare = await connectEmulated(a, emu, "x", "queue_bare");
  ch.other = await connectEmulated(b, emu, "x", "queue_other");
  await saveSchedules(a, { channelIds: [ch.x, ch.masto], timeZone: "UTC", slots: HOURLY });
  await saveSchedules(a, { channelIds: [ch.paused], timeZone: "UTC", slots: HOURLY, paused: true });
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("schedules", () => {
  it("refuses bad slots, zones and foreign channels, naming the field and the rule", async () => {
    const refusal = (raw: unknown) => saveSchedules(a, raw).catch((e: ValidationError) => e.fields);
    expect(await refusal({ channelIds: [ch.x], timeZone: "Mars/Base", slots: [] })).toEqual({
      timeZone: "timeZone must be an IANA time zone such as Europe/Paris",
    });
    expect(await refusal({ channelIds: [ch.x], timeZone: "UTC", slots: [{ weekday: 7, time: "25:00" }] })).toEqual({
      "slots.0.weekday": "weekday must be from 0 (Monday) to 6 (Sunday)",
      "slots.0.time": "time must be a 24-hour time like 09:30 (HH:MM)",
    });
    expect(await refusal({ channelIds: [ch.other], timeZone: "UTC", slots: [] })).toEqual({
      "channelIds.0": "this channel does not exist in your organization",
    });
  });

  it("gives nothing for another organization's channel, a paused one, or one without slots", async () => {
    const got = await nextFreeSlots(a, [ch.other!, ch.paused!, ch.bare!]);
    expect(got).toEqual({ [ch.other!]: [], [ch.paused!]: [], [ch.bare!]: [] });
  });
});

describe("add to queue", () => {
  it("puts each channel's post in its own next free slot, skipping slots taken by hand", async () => {
    const now = new Date();
    const firstSlot = Math.ceil((now.getTime() + 60_000 + 1) / hour) * hour;
    // A post scheduled by hand on X at the first slot: X's queue starts one slot later.
    await createPost(a, { mode: "schedule", publishAt: new Date(firstSlot), targets: on(ch.x!, "by hand").targets });
    const res = await addToQueue(a, { targets: [...on(ch.x!, "queued one").targets, ...on(ch.masto!, "queued one").targets] }, now);
    expect(res.skipped).toEqual([]);
    const at = Object.fromEntries(res.posts.map((p) => [p.channelId, p.at]));
    expect(at[ch.x!]).toBe(new Date(firstSlot + hour).toISOString());
    expect(at[ch.masto!]).toBe(new Date(firstSlot).toISOString());
    expect(new Set(res.posts.map((p) => p.postId)).size).toBe(2);
    const t = await targetOf(res.posts[0]!.postId);
    expect(t).toMatchObject({ queued: true, status: "scheduled" });
    const post = await db.post.findUniqueOrThrow({ where: { id: res.posts[0]!.postId } });
    expect(post.publishAt!.toISOString()).toBe(res.posts[0]!.at);
  });

  it("never gives two concurrent requests the same slot", async () => {
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => addToQueue(a, on(ch.masto!, `race ${i}`))));
    const times = results.map((r) => r.posts[0]!.at);
    expect(new Set(times).size).toBe(4);
    const rows = await db.postTarget.groupBy({ by: ["dueAt"], where: { integrationId: ch.masto!, status: "scheduled" }, _count: true });
    expect(rows.every((r) => r._count === 1)).toBe(true);
  });

  it("the database refuses a second queued target in one slot even without the lock", async () => {
    const t = await db.postTarget.findFirstOrThrow({ where: { integrationId: ch.masto!, queued: true, status: "scheduled" } });
    const post = await db.post.create({ data: { organizationId: a.organizationId, publishAt: t.dueAt } });
    await expect(
      db.postTarget.create({
        data: {
          organizationId: a.organizationId,
          postId: post.id,
          integrationId: ch.masto!,
          items: [],
          status: "scheduled",
          dueAt: t.dueAt,
          queued: true,
        },
      }),
    ).rejects.toThrow();
    await db.post.delete({ where: { id: post.id } });
  });

  it("skips a paused channel with its reason, and refuses when every channel is skipped", async () => {
    const res = await addToQueue(a, { targets: [...on(ch.x!, "some").targets, ...on(ch.paused!, "some").targets] });
    expect(res.posts.map((p) => p.channelId)).toEqual([ch.x]);
    expect(res.skipped).toEqual([{ channelId: ch.paused, reason: expect.stringContaining("its queue is paused") }]);
    const err = await addToQueue(a, { targets: [...on(ch.paused!, "x").targets, ...on(ch.bare!, "x").targets] }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields["targets.0.channelId"]).toMatch(/queue is paused; resume it on the Schedules page/);
    expect(err.fields["targets.1.channelId"]).toMatch(/no posting slots/);
    expect(await db.postTarget.count({ where: { integrationId: { in: [ch.paused!, ch.bare!] } } })).toBe(0);
  });

  it("keeps already queued posts scheduled when the queue is paused", async () => {
    const res = await addToQueue(a, on(ch.x!, "before the pause"));
    await saveSchedules(a, { channelIds: [ch.x], timeZone: "UTC", slots: HOURLY, paused: true });
    expect(await targetOf(res.posts[0]!.postId)).toMatchObject({ status: "scheduled", queued: true });
    expect((await nextFreeSlots(a, [ch.x!]))[ch.x!]).toEqual([]);
    await saveSchedules(a, { channelIds: [ch.x], timeZone: "UTC", slots: HOURLY });
  });

  it("names content problems by the index the caller sent, and saves nothing", async () => {
    const err = await addToQueue(a, { targets: [...on(ch.paused!, "x").targets, ...on(ch.x!, "y".repeat(400)).targets] }).catch((e) => e);
    expect(Object.keys(err.fields)).toEqual(["targets.1.items.0.text"]);
  });

  it("shows the free slots, without those taken", async () => {
    const from = new Date();
    const slots = await freeSlotsBetween(a, { from, to: new Date(from.getTime() + 6 * hour), channelIds: [ch.masto!] });
    const taken = await db.postTarget.findMany({ where: { integrationId: ch.masto!, status: "scheduled" }, select: { dueAt: true } });
    const takenSet = new Set(taken.map((t) => t.dueAt!.toISOString()));
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => !takenSet.has(s.at) && s.channelId === ch.masto)).toBe(true);
  });
});

describe("closing gaps", () => {
  async function freshQueue(tag: string, closeGaps = true) {
    const id = await connectEmulated(a, emu, "mastodon", `gap_${tag}`);
    await saveSchedules(a, { channelIds: [id], timeZone: "UTC", slots: HOURLY, closeGaps });
    const posts = [];
    for (let i = 0; i < 4; i++) posts.push((await addToQueue(a, on(id, `${tag} ${i}`))).posts[0]!);
    return { id, posts };
  }
  const timesOf = async (ids: string[]) => Promise.all(ids.map(async (id) => (await targetOf(id)).dueAt!.toISOString()));

  it("moves later queued posts up one slot each when one is cancelled; hand-scheduled posts stay", async () => {
    const { id, posts } = await freshQueue("cancel");
    const byHand = await createPost(a, {
      mode: "schedule",
      publishAt: new Date(new Date(posts[3]!.at).getTime() + 30 * 60_000),
      targets: on(id, "hand").targets,
    });
    await cancelPost(a, posts[1]!.postId);
    expect(await timesOf([posts[0]!.postId, posts[2]!.postId, posts[3]!.postId])).toEqual([posts[0]!.at, posts[1]!.at, posts[2]!.at]);
    const post = await db.post.findUniqueOrThrow({ where: { id: posts[3]!.postId } });
    expect(post.publishAt!.toISOString()).toBe(posts[2]!.at);
    expect((await db.post.findUniqueOrThrow({ where: { id: byHand.id } })).publishAt!.getTime()).toBe(
      new Date(posts[3]!.at).getTime() + 30 * 60_000,
    );
  });

  it("closes the gap on delete and on a move by hand (the moved post leaves the queue)", async () => {
    const { posts } = await freshQueue("delete");
    await deletePost(a, posts[0]!.postId);
    expect(await timesOf([posts[1]!.postId, posts[2]!.postId, posts[3]!.postId])).toEqual([posts[0]!.at, posts[1]!.at, posts[2]!.at]);
    await reschedulePost(a, posts[1]!.postId, { publishAt: new Date(Date.now() + 30 * 86_400_000) });
    expect(await targetOf(posts[1]!.postId)).toMatchObject({ queued: false });
    expect(await timesOf([posts[2]!.postId, posts[3]!.postId])).toEqual([posts[0]!.at, posts[1]!.at]);
  });

  it("leaves the gap when the channel's setting is off", async () => {
    const { posts } = await freshQueue("off", false);
    await cancelPost(a, posts[0]!.postId);
    expect(await timesOf([posts[1]!.postId, posts[2]!.postId])).toEqual([posts[1]!.at, posts[2]!.at]);
  });
});
