import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { DELETE as stopSeriesRoute } from "@/app/api/v1/posts/[id]/series/route";
import { GET as getPostRoute } from "@/app/api/v1/posts/[id]/route";
import { POST as queueRoute } from "@/app/api/v1/queue/route";
import { POST as createPostRoute } from "@/app/api/v1/posts/route";
import { GET as freeSlotsRoute } from "@/app/api/v1/schedules/free-slots/route";
import { GET as listSchedulesRoute, PUT as saveSchedulesRoute } from "@/app/api/v1/schedules/route";
import { POST as seriesRoute } from "@/app/api/v1/series/route";
import { GET as listSetsRoute, POST as createSetRoute } from "@/app/api/v1/channel-sets/route";
import { GET as listSignaturesRoute, POST as createSignatureRoute } from "@/app/api/v1/signatures/route";
import { stopBoss } from "@/lib/queue/boss";
import { makeKey, v1Call } from "../../helpers/api-v1";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";

// The planning operations of /api/v1 on the same lib/ functions as the Schedules page, the
// composer's "add to queue" and recurring posts: one behaviour test each (auth, scopes, 404 and
// schemas are covered for every operation by access.test.ts and spec.test.ts).

let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
let masto: string;
let x: string;
let theirs: string;
let key: string;
let keyB: string;
const day = 86_400_000;
const everyDay = (time: string) => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, time }));

beforeAll(async () => {
  emu = await useEmulator();
  [a, b] = await Promise.all([makeOwner("v1plan-a"), makeOwner("v1plan-b")]);
  masto = await connectEmulated(a, emu, "mastodon", `v1plan_m_${Date.now()}`);
  x = await connectEmulated(a, emu, "x", `v1plan_x_${Date.now()}`);
  theirs = await connectEmulated(b, emu, "mastodon", `v1plan_b_${Date.now()}`);
  key = await makeKey(a);
  keyB = await makeKey(b);
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("planning in /api/v1", () => {
  it("PUT then GET /schedules: one schedule for two channels, slots sorted; another organization's channel is refused", async () => {
    const saved = await v1Call(saveSchedulesRoute, "/api/v1/schedules", {
      method: "PUT",
      key,
      body: { channelIds: [masto, x], timeZone: "Europe/Paris", slots: [{ weekday: 2, time: "17:00" }, ...everyDay("09:00")] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const list = await v1Call(listSchedulesRoute, "/api/v1/schedules", { key });
    expect(list.status).toBe(200);
    const data = list.body.data as { channelId: string; timeZone: string; slots: unknown[]; paused: boolean }[];
    expect(data.map((s) => s.channelId).sort()).toEqual([masto, x].sort());
    expect(data[0]).toMatchObject({ timeZone: "Europe/Paris", paused: false });
    expect(data[0]!.slots).toHaveLength(8);
    const bad = await v1Call(saveSchedulesRoute, "/api/v1/schedules", {
      method: "PUT",
      key,
      body: { channelIds: [theirs], timeZone: "Mars/Olympus", slots: [{ weekday: 7, time: "25:00" }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(["slots.0.time", "slots.0.weekday", "timeZone"]);
    const notOurs = await v1Call(saveSchedulesRoute, "/api/v1/schedules", {
      method: "PUT",
      key,
      body: { channelIds: [theirs], timeZone: "UTC", slots: everyDay("10:00") },
    });
    expect(notOurs.status).toBe(422);
    expect(notOurs.body.errors).toEqual([{ field: "channelIds.0", message: "this channel does not exist in your organization" }]);
    expect((await v1Call(listSchedulesRoute, "/api/v1/schedules", { key: keyB })).body.data).toEqual([]);
  });

  it("GET /schedules/free-slots: the open slots of the named channels in the range", async () => {
    const from = new Date(Date.now() + 2 * day);
    const to = new Date(from.getTime() + 7 * day);
    const res = await v1Call(
      freeSlotsRoute,
      `/api/v1/schedules/free-slots?from=${from.toISOString()}&to=${to.toISOString()}&channels=${masto}`,
      {
        key,
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const slots = res.body.data as { channelId: string; at: string }[];
    // Every day at 09:00 Paris plus Wednesday 17:00: 8 slots in any 7 days.
    expect(slots).toHaveLength(8);
    expect(new Set(slots.map((s) => s.channelId))).toEqual(new Set([masto]));
    for (const s of slots) expect(new Date(s.at) >= from && new Date(s.at) < to).toBe(true);
    const bad = await v1Call(freeSlotsRoute, `/api/v1/schedules/free-slots?from=${to.toISOString()}&to=${from.toISOString()}`, { key });
    expect(bad.status).toBe(422);
    expect(bad.body.errors![0]!.field).toBe("to");
  });

  it("POST /queue: each channel's variant goes into its next free slot; needs publish; replays with the same Idempotency-Key", async () => {
    const body = {
      targets: [
        { channelId: masto, items: [{ text: "queued on mastodon" }] },
        { channelId: x, items: [{ text: "queued on x" }] },
      ],
    };
    const noPublish = await v1Call(queueRoute, "/api/v1/queue", { method: "POST", key: await makeKey(a, ["read", "write"]), body });
    expect(noPublish.status).toBe(403);
    const headers = { "idempotency-key": `queue-${Date.now()}` };
    const res = await v1Call(queueRoute, "/api/v1/queue", { method: "POST", key, body, headers });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const posts = res.body.posts as { postId: string; channelId: string; at: string }[];
    expect(posts.map((p) => p.channelId).sort()).toEqual([masto, x].sort());
    expect(res.body.skipped).toEqual([]);
    for (const p of posts) {
      expect(new Date(p.at).getTime()).toBeGreaterThan(Date.now());
      const got = await v1Call(getPostRoute, `/api/v1/posts/${p.postId}`, { key, params: { id: p.postId } });
      expect(got.body).toMatchObject({ status: "scheduled", publishAt: p.at });
    }
    const replay = await v1Call(queueRoute, "/api/v1/queue", { method: "POST", key, body, headers });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(res.body);
  });

  it("POST /series then DELETE /posts/{id}/series: a daily post, then stopped", async () => {
    const publishAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3 * day).toISOString();
    const created = await v1Call(seriesRoute, "/api/v1/series", {
      method: "POST",
      key,
      body: { publishAt, targets: [{ channelId: masto, items: [{ text: "every week" }] }], repeat: { freq: "daily", timeZone: "UTC" } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const series = created.body.series as { id: string; occurrences: number };
    expect(series.occurrences).toBeGreaterThan(1);
    const first = created.body.post as { id: string; publishAt: string; status: string };
    expect(first).toMatchObject({ publishAt, status: "scheduled" });

    const refused = await v1Call(stopSeriesRoute, `/api/v1/posts/${first.id}/series`, {
      method: "DELETE",
      key: keyB,
      params: { id: first.id },
    });
    expect(refused.status).toBe(404);
    const stopped = await v1Call(stopSeriesRoute, `/api/v1/posts/${first.id}/series`, { method: "DELETE", key, params: { id: first.id } });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body).toEqual({ removed: series.occurrences, kept: 0 });
    const gone = await v1Call(getPostRoute, `/api/v1/posts/${first.id}`, { key, params: { id: first.id } });
    expect(gone.status).toBe(404);
  });

  it("POST then GET /channel-sets: a named set with per-channel settings; a foreign channel and a taken name are refused", async () => {
    const body = {
      name: "Launch",
      channels: [
        { channelId: masto, settings: {} },
        { channelId: x, settings: {} },
      ],
    };
    const created = await v1Call(createSetRoute, "/api/v1/channel-sets", { method: "POST", key, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: "Launch", channels: [{ channelId: masto }, { channelId: x }] });
    const list = await v1Call(listSetsRoute, "/api/v1/channel-sets", { key });
    expect((list.body.data as { id: string }[]).map((s) => s.id)).toEqual([created.body.id]);
    expect((await v1Call(listSetsRoute, "/api/v1/channel-sets", { key: keyB })).body.data).toEqual([]);
    const again = await v1Call(createSetRoute, "/api/v1/channel-sets", { method: "POST", key, body });
    expect(again.status).toBe(422);
    const foreign = await v1Call(createSetRoute, "/api/v1/channel-sets", {
      method: "POST",
      key,
      body: { name: "Theirs", channels: [{ channelId: theirs, settings: {} }] },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors![0]!.field).toMatch(/^channels\.0/);
  });

  it("POST then GET /signatures: an auto signature is appended to the posts of its channels saved afterwards", async () => {
    const created = await v1Call(createSignatureRoute, "/api/v1/signatures", {
      method: "POST",
      key,
      body: { name: "Sign-off", body: "— the Postmill team", auto: true, channelIds: [masto] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: "Sign-off", auto: true, channelIds: [masto], providers: [] });
    const list = await v1Call(listSignaturesRoute, "/api/v1/signatures", { key });
    expect((list.body.data as { id: string }[]).map((s) => s.id)).toEqual([created.body.id]);
    const publishAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 5 * day).toISOString();
    const post = await v1Call(createPostRoute, "/api/v1/posts", {
      method: "POST",
      key,
      body: {
        mode: "schedule",
        publishAt,
        targets: [
          { channelId: masto, items: [{ text: "signed" }] },
          { channelId: x, items: [{ text: "unsigned" }] },
        ],
      },
    });
    expect(post.status, JSON.stringify(post.body)).toBe(201);
    const targets = (post.body as { targets: { channel: { id: string }; items: { text: string }[] }[] }).targets;
    expect(targets.find((t) => t.channel.id === x)!.items[0]!.text).toBe("unsigned");
    const text = targets.find((t) => t.channel.id === masto)!.items[0]!.text;
    expect(text).toContain("— the Postmill team");
    const bad = await v1Call(createSignatureRoute, "/api/v1/signatures", {
      method: "POST",
      key,
      body: { name: "", body: " ", providers: ["myspace"] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(["body", "name", "providers.0"]);
  });
});
