import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { GET as listPosts, POST as createPost } from "@/app/api/v1/posts/route";
import { DELETE as deletePost, GET as getPost, PUT as updatePost } from "@/app/api/v1/posts/[id]/route";
import { POST as cancelPost } from "@/app/api/v1/posts/[id]/cancel/route";
import { POST as duplicatePost } from "@/app/api/v1/posts/[id]/duplicate/route";
import { POST as reschedulePost } from "@/app/api/v1/posts/[id]/reschedule/route";
import { POST as retryTarget } from "@/app/api/v1/targets/[id]/retry/route";
import { setChannelDisabled } from "@/lib/channels/queries";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { makeKey, v1Call } from "../../helpers/api-v1";

// The post routes of /api/v1 on the same lib/posts operations the composer uses: the same input,
// the same per-channel messages (naming the field and the channel), ISO times, cursor pages.

type Post = {
  id: string;
  publishAt: string | null;
  status: string;
  targets: { id: string; status: string; channel: { id: string }; items: { text: string }[] }[];
};

let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let masto: string;
let x: string;
let key: string;
let writeOnly: string;
const day = 86_400_000;
const base = Date.now() + 20 * day;
const at = (h: number) => new Date(base + h * 3_600_000).toISOString();

const post = (mode: string, text: string, publishAt?: string, channels = [masto]) => ({
  mode,
  ...(publishAt ? { publishAt } : {}),
  targets: channels.map((channelId) => ({ channelId, items: [{ text }] })),
});
const create = (body: unknown, k = key, headers?: Record<string, string>) =>
  v1Call(createPost, "/api/v1/posts", { method: "POST", key: k, body, headers });

beforeAll(async () => {
  emu = await useEmulator();
  a = await makeOwner("v1posts");
  masto = await connectEmulated(a, emu, "mastodon", `v1posts_m_${Date.now()}`);
  x = await connectEmulated(a, emu, "x", `v1posts_x_${Date.now()}`);
  key = await makeKey(a);
  writeOnly = await makeKey(a, ["read", "write"]);
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("POST /api/v1/posts", () => {
  it("creates a draft with write, and refuses to schedule without publish (403 naming it)", async () => {
    const draft = await create(post("draft", "a draft"), writeOnly);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: "draft", publishAt: null });
    const refused = await create(post("schedule", "scheduled", at(1)), writeOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('"publish"');
  });

  it("schedules a thread for two channels, with times in ISO 8601 UTC", async () => {
    const res = await create({
      mode: "schedule",
      publishAt: at(2),
      targets: [
        { channelId: masto, items: [{ text: "first" }, { text: "reply" }], settings: {} },
        { channelId: x, items: [{ text: "on x" }] },
      ],
    });
    expect(res.status).toBe(201);
    const p = res.body as unknown as Post;
    expect(p.publishAt).toBe(at(2));
    expect(p.status).toBe("scheduled");
    expect(p.targets.map((t) => t.channel.id).sort()).toEqual([masto, x].sort());
    expect(p.targets.find((t) => t.channel.id === masto)!.items.map((i) => i.text)).toEqual(["first", "reply"]);
  });

  it("answers bad input with problem details naming each field and its channel, with the composer's messages", async () => {
    const res = await create({
      mode: "schedule",
      publishAt: at(3),
      targets: [
        { channelId: x, items: [{ text: "fine" }] },
        { channelId: masto, items: [{ text: "x".repeat(600) }] },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.type).toBe("urn:postmill:problem:validation");
    const err = res.body.errors!.find((e) => e.field.startsWith("targets.1.items.0"));
    expect(err).toMatchObject({ channel: masto });
    expect(err!.message).toMatch(/500/);

    const schema = await create({ mode: "later", targets: [] });
    expect(schema.status).toBe(422);
    expect(schema.body.errors).toEqual(
      expect.arrayContaining([
        { field: "mode", message: "must be draft, schedule or now" },
        { field: "targets", message: "pick at least one channel" },
      ]),
    );
    const noTime = await create({ mode: "schedule", targets: [{ channelId: masto, items: [{ text: "when?" }] }] });
    expect(noTime.body.errors).toEqual([{ field: "publishAt", message: "pick a date and time to schedule" }]);
    const empty = await create({ mode: "draft", targets: [{ channelId: masto, items: [] }] });
    expect(empty.body.errors).toEqual([{ field: "targets.0.items", channel: masto, message: "write the post" }]);
  });

  it("refuses a body that is not JSON (422) or not sent as JSON (415), and a publish to a disabled channel", async () => {
    const broken = await v1Call(createPost, "/api/v1/posts", { method: "POST", key, rawBody: "{" });
    expect(broken.status).toBe(422);
    expect(broken.body.errors).toEqual([{ field: "body", message: "Request body must be valid JSON" }]);
    const form = await v1Call(createPost, "/api/v1/posts", {
      method: "POST",
      key,
      rawBody: "a=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const other = await makeOwner("v1posts-dis");
    const ch = await connectEmulated(other, emu, "mastodon", `v1posts_dis_${Date.now()}`);
    await setChannelDisabled(other, ch, true);
    const res = await create(post("schedule", "to a disabled channel", at(4), [ch]), await makeKey(other));
    expect(res.status).toBe(422);
    expect(res.body.errors![0]).toMatchObject({ field: "targets.0.channelId", channel: ch, message: expect.stringContaining("disabled") });
  });
});

describe("GET /api/v1/posts", () => {
  it("pages through a range in a stable order with next_cursor, filtered by channel and status", async () => {
    const made: string[] = [];
    for (const h of [10, 11, 11, 12]) made.push(((await create(post("schedule", `page ${h}`, at(h)))).body as unknown as Post).id);
    const q = `from=${encodeURIComponent(at(10))}&to=${encodeURIComponent(at(13))}&limit=2`;
    const first = await v1Call(listPosts, `/api/v1/posts?${q}`, { key });
    expect(first.status).toBe(200);
    const p1 = first.body.data as Post[];
    expect(p1).toHaveLength(2);
    expect(typeof first.body.next_cursor).toBe("string");
    const second = await v1Call(listPosts, `/api/v1/posts?${q}&cursor=${first.body.next_cursor}`, { key });
    const p2 = second.body.data as Post[];
    expect(second.body.next_cursor).toBeNull();
    const tied = made.slice(1, 3).sort();
    expect([...p1, ...p2].map((p) => p.id)).toEqual([made[0], ...tied, made[3]]);

    const onX = await v1Call(listPosts, `/api/v1/posts?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(20))}&channel=${x}`, {
      key,
    });
    expect((onX.body.data as Post[]).every((p) => p.targets.some((t) => t.channel.id === x))).toBe(true);
    expect((onX.body.data as Post[]).length).toBe(1);
    const drafts = await v1Call(listPosts, `/api/v1/posts?status=draft`, { key });
    expect((drafts.body.data as Post[]).length).toBeGreaterThan(0);
    expect((drafts.body.data as Post[]).every((p) => p.publishAt === null)).toBe(true);
  });

  it("names the bad query parameter", async () => {
    const res = await v1Call(listPosts, `/api/v1/posts?limit=0&status=lost&cursor=nope`, { key });
    expect(res.status).toBe(422);
    expect(res.body.errors!.map((e) => e.field).sort()).toEqual(["cursor", "limit", "status"]);
    const half = await v1Call(listPosts, `/api/v1/posts?from=${encodeURIComponent(at(0))}`, { key });
    expect(half.body.errors).toEqual([{ field: "to", message: "to is required with from" }]);
  });
});

describe("one post", () => {
  it("is read, replaced, rescheduled, duplicated, cancelled, retried and deleted", async () => {
    const id = ((await create(post("schedule", "lifecycle", at(30)))).body as unknown as Post).id;
    const params = { id };
    const got = await v1Call(getPost, `/api/v1/posts/${id}`, { key, params });
    expect(got.body).toMatchObject({ id, publishAt: at(30) });

    const put = await v1Call(updatePost, `/api/v1/posts/${id}`, {
      method: "PUT",
      key,
      params,
      body: post("schedule", "replaced", at(31), [masto, x]),
    });
    expect(put.status).toBe(200);
    expect((put.body as unknown as Post).targets).toHaveLength(2);
    const lockedOut = await v1Call(updatePost, `/api/v1/posts/${id}`, {
      method: "PUT",
      key: writeOnly,
      params,
      body: post("schedule", "x", at(31)),
    });
    expect(lockedOut.status).toBe(403);

    const moved = await v1Call(reschedulePost, `/api/v1/posts/${id}/reschedule`, {
      method: "POST",
      key,
      params,
      body: { publishAt: at(40) },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.publishAt).toBe(at(40));
    const badTime = await v1Call(reschedulePost, `/api/v1/posts/${id}/reschedule`, {
      method: "POST",
      key,
      params,
      body: { publishAt: "soon" },
    });
    expect(badTime.body.errors).toEqual([{ field: "publishAt", message: "must be a date and time" }]);

    const copy = await v1Call(duplicatePost, `/api/v1/posts/${id}/duplicate`, { method: "POST", key, params });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ status: "draft", publishAt: null });
    expect(copy.body.id).not.toBe(id);

    const cancelled = await v1Call(cancelPost, `/api/v1/posts/${id}/cancel`, { method: "POST", key, params });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ cancelled: 2, inFlight: 0, post: { status: "cancelled" } });

    const target = (cancelled.body.post as Post).targets[0]!;
    const retried = await v1Call(retryTarget, `/api/v1/targets/${target.id}/retry`, { method: "POST", key, params: { id: target.id } });
    expect(retried.status).toBe(200);
    expect((retried.body as unknown as Post).targets.find((t) => t.id === target.id)!.status).toBe("scheduled");
    const again = await v1Call(retryTarget, `/api/v1/targets/${target.id}/retry`, { method: "POST", key, params: { id: target.id } });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe("urn:postmill:problem:conflict");

    const del = await v1Call(deletePost, `/api/v1/posts/${id}`, { method: "DELETE", key, params });
    expect(del.body).toEqual({ id, deleted: true });
    expect((await v1Call(getPost, `/api/v1/posts/${id}`, { key, params })).status).toBe(404);
  });
});
