import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { calendarPosts } from "@/lib/posts/calendar";
import { createPost } from "@/lib/posts/operations";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

// The calendar's compact range query: the organization's posts only, in time order, filtered by
// channel, with each post's status derived from its channels.
let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};
const base = Date.now() + 10 * 86_400_000;
const at = (hours: number) => new Date(base + hours * 3_600_000);

beforeAll(async () => {
  emu = await useEmulator();
  a = await makeOwner("cal-a");
  b = await makeOwner("cal-b");
  ch.x = await connectEmulated(a, emu, "x", "cal_x");
  ch.masto = await connectEmulated(a, emu, "mastodon", "cal_masto");
  ch.other = await connectEmulated(b, emu, "x", "cal_other");
  await createPost(a, { mode: "schedule", publishAt: at(2), targets: [{ channelId: ch.x!, items: [{ text: "second post" }] }] });
  await createPost(a, {
    mode: "schedule",
    publishAt: at(1),
    targets: [
      { channelId: ch.x!, items: [{ text: "first post ".repeat(20) }] },
      { channelId: ch.masto!, items: [{ text: "first post" }] },
    ],
  });
  await createPost(b, { mode: "schedule", publishAt: at(1), targets: [{ channelId: ch.other!, items: [{ text: "someone else's" }] }] });
  await createPost(a, { mode: "schedule", publishAt: at(48), targets: [{ channelId: ch.masto!, items: [{ text: "outside the range" }] }] });
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("calendar range query", () => {
  it("returns the organization's posts in the range, in time order, with a short preview", async () => {
    const posts = await calendarPosts(a, { from: at(0), to: at(24) });
    expect(posts.map((p) => p.preview.slice(0, 11))).toEqual(["first post ", "second post"]);
    expect(Array.from(posts[0]!.preview)).toHaveLength(80);
    expect(posts[0]!.preview.endsWith("…")).toBe(true);
    expect(posts[0]!.targets.map((t) => t.channelId).sort()).toEqual([ch.x, ch.masto].sort());
    expect(posts.every((p) => p.status === "scheduled")).toBe(true);
  });

  it("filters by channel, and never shows another organization's posts", async () => {
    const onlyMasto = await calendarPosts(a, { from: at(0), to: at(24), channelIds: [ch.masto!] });
    expect(onlyMasto).toHaveLength(1);
    expect(onlyMasto[0]!.targets.map((t) => t.channelId)).toEqual([ch.masto]);
    expect(await calendarPosts(a, { from: at(0), to: at(24), channelIds: [ch.other!] })).toEqual([]);
    const theirs = await calendarPosts(b, { from: at(0), to: at(24) });
    expect(theirs.map((p) => p.preview)).toEqual(["someone else's"]);
  });
});
