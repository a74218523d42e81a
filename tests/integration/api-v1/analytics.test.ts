import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { GET as channelRoute } from "@/app/api/v1/analytics/channels/[id]/route";
import { GET as overviewRoute } from "@/app/api/v1/analytics/overview/route";
import { GET as postRoute } from "@/app/api/v1/analytics/posts/[id]/route";
import { storeAccountMetrics, storePostMetrics } from "@/lib/analytics/store";
import { dayInZone } from "@/lib/analytics/periods";
import { addDays } from "@/lib/time/zone";
import { stopBoss } from "@/lib/queue/boss";
import { publishedTarget } from "../../helpers/analytics";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { makeKey, v1Call } from "../../helpers/api-v1";

// The analytics routes of /api/v1 give what the dashboards draw, counted in the key creator's
// time zone; read scope; another organization's channel or post is 404.

let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
let chA: string;
let chB: string;
let targetA: string;
let targetB: string;
let readKey: string;
let writeOnly: string;
const today = dayInZone(new Date(), "Pacific/Auckland");

beforeAll(async () => {
  emu = await useEmulator();
  a = await makeOwner("v1an-a");
  b = await makeOwner("v1an-b");
  await a.db.user.updateMany({ where: { id: a.userId }, data: { timezone: "Pacific/Auckland" } });
  chA = await connectEmulated(a, emu, "mastodon", `v1an_a_${Date.now()}`);
  chB = await connectEmulated(b, emu, "mastodon", `v1an_b_${Date.now()}`);
  await storeAccountMetrics(a.organizationId, chA, [
    { metric: "followers", day: addDays(today, -2), value: 100 },
    { metric: "followers", day: addDays(today, -1), value: 110 },
    { metric: "impressions", day: addDays(today, -1), value: 40 },
  ]);
  const pa = await publishedTarget(a.organizationId, chA, "Launch day");
  targetA = pa.targetId;
  await storePostMetrics({ organizationId: a.organizationId, channelId: chA, targetId: targetA, platformPostId: pa.item.id }, today, {
    likes: 7,
  });
  targetB = (await publishedTarget(b.organizationId, chB, "Theirs")).targetId;
  readKey = await makeKey(a, ["read"]);
  writeOnly = await makeKey(a, ["write"]);
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("GET /api/v1/analytics/*", () => {
  it("overview: figures per channel and the daily series, in the key creator's zone", async () => {
    const res = await v1Call(overviewRoute, "/api/v1/analytics/overview?range=7", { key: readKey });
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe("Pacific/Auckland");
    expect(res.body.period).toEqual({ from: addDays(today, -6), to: today });
    const [ch] = res.body.channels as { id: string; figures: Record<string, { current: number | null }> }[];
    expect(ch!.id).toBe(chA);
    expect(ch!.figures.followers!.current).toBe(110);
    expect(ch!.figures.impressions!.current).toBe(40);
    expect(ch!.figures.posts_published!.current).toBe(1);
    expect((res.body.channels as unknown[]).length).toBe(1);
  });

  it("channel: one series per metric; another organization's channel is 404", async () => {
    const res = await v1Call(channelRoute, `/api/v1/analytics/channels/${chA}?from=${addDays(today, -2)}&to=${today}`, {
      key: readKey,
      params: { id: chA },
    });
    expect(res.status).toBe(200);
    const followers = (res.body.metrics as { metric: string; points: { day: string; value: number | null }[] }[]).find(
      (m) => m.metric === "followers",
    )!;
    expect(followers.points).toEqual([
      { day: addDays(today, -2), value: 100 },
      { day: addDays(today, -1), value: 110 },
      { day: today, value: null },
    ]);
    expect((res.body.posts as { targetId: string }[]).map((p) => p.targetId)).toEqual([targetA]);
    const theirs = await v1Call(channelRoute, `/api/v1/analytics/channels/${chB}`, { key: readKey, params: { id: chB } });
    expect(theirs.status).toBe(404);
  });

  it("post: its metrics per day; another organization's post is 404", async () => {
    const res = await v1Call(postRoute, `/api/v1/analytics/posts/${targetA}`, { key: readKey, params: { id: targetA } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      targetId: targetA,
      channelId: chA,
      text: "Launch day",
      series: [{ metric: "likes", points: [{ day: today, value: 7 }] }],
    });
    const theirs = await v1Call(postRoute, `/api/v1/analytics/posts/${targetB}`, { key: readKey, params: { id: targetB } });
    expect(theirs.status).toBe(404);
    expect(theirs.body.type).toBe("urn:postmill:problem:not-found");
  });

  it("validates the period with the field named, and needs the read scope", async () => {
    const bad = await v1Call(overviewRoute, "/api/v1/analytics/overview?range=custom&from=2026-13-01", { key: readKey });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(["from", "to"]);
    const noRead = await v1Call(overviewRoute, "/api/v1/analytics/overview", { key: writeOnly });
    expect(noRead.status).toBe(403);
    expect(noRead.body.detail).toContain('"read"');
    expect((await v1Call(postRoute, `/api/v1/analytics/posts/${targetA}`, { key: null, params: { id: targetA } })).status).toBe(401);
  });
});
