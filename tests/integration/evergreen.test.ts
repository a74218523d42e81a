import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fillEvergreen } from "@/lib/evergreen/fill";
import { addToEvergreen, listEvergreen, removeFromEvergreen } from "@/lib/evergreen/pool";
import { createPost } from "@/lib/posts/operations";
import { stopBoss } from "@/lib/queue/boss";
import { saveSchedules } from "@/lib/schedules/store";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

// The evergreen pool on real Postgres: re-shares fill free queue slots of the item's channels,
// each its own post, no more often than the item's minimum gap, never into a paused queue, and
// never with text the channel carried within the platform's duplicate window.
let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};
const DAY = 86_400_000;
const DAILY_NOON = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, time: "12:00" }));
const draft = (channelIds: string[], text: string) =>
  createPost(a, { mode: "draft", targets: channelIds.map((channelId) => ({ channelId, items: [{ text }] })) });
const reshares = (itemId: string) =>
  db.post.findMany({ where: { evergreenOf: itemId }, include: { targets: true }, orderBy: { publishAt: "asc" } });

beforeAll(async () => {
  emu = await useEmulator();
  a = await makeOwner("ever-a");
  b = await makeOwner("ever-b");
  ch.x = await connectEmulated(a, emu, "x", "ever_x");
  ch.masto = await connectEmulated(a, emu, "mastodon", "ever_masto");
  ch.dup = await connectEmulated(a, emu, "mastodon", "ever_dup");
  await saveSchedules(a, { channelIds: [ch.x, ch.masto, ch.dup], timeZone: "UTC", slots: DAILY_NOON });
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("evergreen pool", () => {
  it("re-shares an item into each channel's next free slot, each re-share its own queued post", async () => {
    const { id: postId } = await draft([ch.x!, ch.masto!], "Our evergreen guide");
    const { id } = await addToEvergreen(a, postId, { minGapDays: 3 });
    const now = new Date();
    const res = await fillEvergreen(a, now);
    const mine = res.placed.filter((p) => p.itemId === id);
    expect(mine.map((p) => p.channelId).sort()).toEqual([ch.x, ch.masto].sort());
    const posts = await reshares(id);
    expect(posts).toHaveLength(2);
    for (const p of posts) {
      expect(p.targets).toHaveLength(1);
      expect(p.targets[0]).toMatchObject({ status: "scheduled", queued: true });
      expect((p.targets[0]!.items as { text: string }[])[0]!.text).toBe("Our evergreen guide");
      expect(p.publishAt!.getTime()).toBeGreaterThan(now.getTime());
      expect(p.publishAt!.toISOString().slice(11, 16)).toBe("12:00");
    }
    const [entry] = (await listEvergreen(a)).filter((e) => e.id === id);
    expect(entry).toMatchObject({ shareCount: 1, minGapDays: 3, preview: "Our evergreen guide", lastSkip: null });
  });

  it("waits the minimum gap before the next re-share", async () => {
    const { id: postId } = await draft([ch.masto!], "Gap-bound tip");
    const { id } = await addToEvergreen(a, postId, { minGapDays: 3 });
    const now = new Date();
    await fillEvergreen(a, now);
    await fillEvergreen(a, now); // a second pass the same day adds nothing
    const first = await reshares(id);
    expect(first).toHaveLength(1);
    // Two days later the gap (3 days) still holds. Forty days later (past the 30-day duplicate
    // window of the same text on the channel) a second re-share lands.
    await fillEvergreen(a, new Date(now.getTime() + 2 * DAY), 1);
    expect(await reshares(id)).toHaveLength(1);
    await fillEvergreen(a, new Date(now.getTime() + 40 * DAY));
    const both = await reshares(id);
    expect(both).toHaveLength(2);
    expect(both[1]!.publishAt!.getTime() - both[0]!.publishAt!.getTime()).toBeGreaterThanOrEqual(39 * DAY);
  });

  it("places the next re-share no earlier than the gap after the last one", async () => {
    const { id: postId } = await draft([ch.x!], "Short gap, long window");
    const { id } = await addToEvergreen(a, postId, { minGapDays: 3 });
    const now = new Date();
    await fillEvergreen(a, now);
    const [first] = await reshares(id);
    // Make the earlier re-share old enough for the duplicate rule, so only the gap decides.
    await db.postTarget.updateMany({ where: { postId: first!.id }, data: { items: [{ text: "edited since", media: [] }] } });
    await fillEvergreen(a, new Date(first!.publishAt!.getTime() + DAY), 14);
    const both = await reshares(id);
    expect(both).toHaveLength(2);
    expect(both[1]!.publishAt!.getTime() - both[0]!.publishAt!.getTime()).toBeGreaterThanOrEqual(3 * DAY);
    expect(both[1]!.publishAt!.getTime() - both[0]!.publishAt!.getTime()).toBeLessThanOrEqual(4 * DAY);
  });

  it("skips a channel that carried the same text within the duplicate window, and says so", async () => {
    const { id: postId } = await draft([ch.dup!], "Same words again");
    // The same text went out on this channel yesterday.
    const published = await draft([ch.dup!], "Same words again");
    await db.postTarget.updateMany({
      where: { postId: published.id },
      data: { status: "published", publishedAt: new Date(Date.now() - DAY) },
    });
    const { id } = await addToEvergreen(a, postId, { minGapDays: 1 });
    const res = await fillEvergreen(a, new Date());
    expect(res.placed.filter((p) => p.itemId === id)).toEqual([]);
    expect(await reshares(id)).toHaveLength(0);
    const [entry] = (await listEvergreen(a)).filter((e) => e.id === id);
    expect(entry!.lastSkip).toMatch(/same text is on this channel within 30 days/);
  });

  it("never fills a paused queue", async () => {
    const x2 = await connectEmulated(a, emu, "x", "ever_paused");
    await saveSchedules(a, { channelIds: [x2], timeZone: "UTC", slots: DAILY_NOON, paused: true });
    const { id: postId } = await draft([x2], "Paused channel content");
    const { id } = await addToEvergreen(a, postId, {});
    await fillEvergreen(a, new Date());
    expect(await reshares(id)).toHaveLength(0);
    expect((await listEvergreen(a)).find((e) => e.id === id)!.lastSkip).toMatch(/queue paused/);
  });

  it("removes items, refuses re-shares and foreign posts, and validates the gap", async () => {
    const { id: postId } = await draft([ch.x!], "To be removed");
    await addToEvergreen(a, postId, { minGapDays: 10 });
    await removeFromEvergreen(a, postId);
    expect((await listEvergreen(a)).some((e) => e.postId === postId)).toBe(false);
    await expect(addToEvergreen(b, postId, {})).rejects.toMatchObject({ status: 404 });
    await expect(addToEvergreen(a, postId, { minGapDays: 0 })).rejects.toMatchObject({
      fields: { minGapDays: "minGapDays must be at least 1 day" },
    });
    const share = await db.post.findFirstOrThrow({ where: { organizationId: a.organizationId, evergreenOf: { not: null } } });
    const err = await addToEvergreen(a, share.id, {}).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(409);
    await expect(removeFromEvergreen(b, postId)).rejects.toMatchObject({ status: 404 });
  });
});
