import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { API_SCOPES, revokeApiKey } from "@/lib/api-keys/keys";
import type { V1Route } from "@/lib/api/v1/handler";
import { routeFolderOf, type Operation } from "@/lib/api/v1/operation";
import { V1_OPERATIONS } from "@/lib/api/v1/operations";
import { db } from "@/lib/db/client";
import { createPost } from "@/lib/posts/operations";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { makeKey, v1Call, type V1Answer } from "../../helpers/api-v1";

// Every /api/v1 operation, from the same list the OpenAPI document is built from: no key, a
// malformed or unknown key, a revoked or expired key, and a cookie alone are 401; a key without
// the operation's scope is 403 naming it; another organization's ids are 404, as missing ones.

let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
const ids: Record<"post" | "target" | "channel", string> = { post: "", target: "", channel: "" };
const keys: Record<string, string> = {};

const future = () => new Date(Date.now() + 5 * 86_400_000).toISOString();
/**
 * A valid body per operation that takes one (by operationId), so the 404 case reaches the
 * handler rather than stopping at validation. A new operation with a body adds its entry here.
 */
const VALID_BODIES: Record<string, () => unknown> = {
  createPost: () => ({ mode: "schedule", publishAt: future(), targets: [{ channelId: ids.channel, items: [{ text: "access matrix" }] }] }),
  updatePost: () => ({ mode: "schedule", publishAt: future(), targets: [{ channelId: ids.channel, items: [{ text: "access matrix" }] }] }),
  reschedulePost: () => ({ publishAt: future() }),
  importMediaFromUrl: () => ({ url: "https://example.com/launch.png" }),
  addFeed: () => ({
    url: "https://example.com/feed.xml",
    template: "{title} {link}",
    channels: [{ channelId: ids.channel }],
    mode: "draft",
  }),
  importPosts: () => ({ csv: `date,channels,text\n${future()},${ids.channel},access matrix\n`, action: "preview" }),
  saveSchedules: () => ({ channelIds: [ids.channel], timeZone: "UTC", slots: [{ weekday: 0, time: "09:00" }] }),
  addToQueue: () => ({ targets: [{ channelId: ids.channel, items: [{ text: "access matrix" }] }] }),
  createChannelSet: () => ({ name: `access set ${Math.random()}`, channels: [{ channelId: ids.channel, settings: {} }] }),
  createChannelGroup: () => ({ name: `access group ${Math.random()}`, timeZone: "Europe/Paris", channelIds: [ids.channel] }),
  createSignature: () => ({ name: `access signature ${Math.random()}`, body: "— the team" }),
  createSeries: () => ({
    publishAt: future(),
    targets: [{ channelId: ids.channel, items: [{ text: "access matrix" }] }],
    repeat: { freq: "daily" },
  }),
};

async function call(op: Operation, key: string | null, extra: { headers?: Record<string, string>; id?: string } = {}): Promise<V1Answer> {
  const mod = (await import(`@/app/api/${routeFolderOf(op.path)}/route`)) as Record<string, V1Route>;
  const id = extra.id ?? (op.path.includes("/targets/") ? ids.target : op.path.includes("/channels/") ? ids.channel : ids.post);
  const params: Record<string, string> = op.params ? { id } : {};
  const path = op.path.replace("{id}", id);
  const body = VALID_BODIES[op.id]?.();
  return v1Call(mod[op.method]!, path, { method: op.method, key, params, body, headers: extra.headers });
}

const problemOf = (res: V1Answer, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({
    status,
    type: expect.stringMatching(/^urn:postmill:problem:/),
    title: expect.any(String),
    detail: expect.any(String),
  });
};

beforeAll(async () => {
  emu = await useEmulator();
  [a, b] = await Promise.all([makeOwner("v1acc-a"), makeOwner("v1acc-b")]);
  ids.channel = await connectEmulated(a, emu, "mastodon", `v1acc_a_${Date.now()}`);
  const bChannel = await connectEmulated(b, emu, "mastodon", `v1acc_b_${Date.now()}`);
  const { id } = await createPost(a, {
    mode: "schedule",
    publishAt: future(),
    targets: [{ channelId: ids.channel, items: [{ text: "seed" }] }],
  });
  ids.post = id;
  ids.target = (await a.db.postTarget.findFirstOrThrow({ where: { postId: id } })).id;
  await createPost(b, { mode: "draft", targets: [{ channelId: bChannel, items: [{ text: "theirs" }] }] });
  keys.all = await makeKey(a);
  keys.other = await makeKey(b);
  for (const s of API_SCOPES)
    keys[`without-${s}`] = await makeKey(
      a,
      API_SCOPES.filter((x) => x !== s),
    );
  keys.revoked = await makeKey(a);
  const revokedRow = await db.apiKey.findFirstOrThrow({
    where: { organizationId: a.organizationId, name: "test read+write+publish" },
    orderBy: { createdAt: "desc" },
  });
  await revokeApiKey(a, revokedRow.id);
  keys.expired = await makeKey(a, ["read", "write", "publish"], new Date(Date.now() + 60_000));
  await db.apiKey.updateMany({
    where: { organizationId: a.organizationId, expiresAt: { not: null } },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
}, 90_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

const authenticated = V1_OPERATIONS.filter((op) => op.scope);

it("has a valid body for every operation that takes one", () => {
  expect(V1_OPERATIONS.filter((op) => op.body && !VALID_BODIES[op.id]).map((op) => op.id)).toEqual([]);
});

describe.each(authenticated.map((op) => [`${op.method} ${op.path}`, op] as const))("%s", (_name, op) => {
  it("is 401 without a key, with a malformed, unknown, revoked or expired key, and with a session cookie alone", async () => {
    const none = await call(op, null);
    problemOf(none, 401);
    expect(none.body.detail).toContain("Authorization: Bearer");
    problemOf(await call(op, null, { headers: { authorization: "Basic dXNlcjpwYXNz" } }), 401);
    problemOf(await call(op, `pm_${"A".repeat(32)}`), 401);
    const revoked = await call(op, keys.revoked!);
    problemOf(revoked, 401);
    expect(revoked.body.detail).toContain("revoked");
    const expired = await call(op, keys.expired!);
    problemOf(expired, 401);
    expect(expired.body.detail).toContain("expired");
    problemOf(await call(op, null, { headers: { cookie: "authjs.session-token=anything; postmill-org=x" } }), 401);
  });

  it(`is 403 naming "${op.scope}" for a key without it`, async () => {
    const res = await call(op, keys[`without-${op.scope}`]!);
    problemOf(res, 403);
    expect(res.body.type).toBe("urn:postmill:problem:missing-scope");
    expect(res.body.detail).toContain(`"${op.scope}"`);
  });

  if (op.params) {
    it("is 404 for another organization's key, as for an id that does not exist", async () => {
      const theirs = await call(op, keys.other!);
      problemOf(theirs, 404);
      const missing = await call(op, keys.all!, { id: "does-not-exist" });
      problemOf(missing, 404);
      expect(missing.body.type).toBe(theirs.body.type);
    });
  }
});

describe("a key whose creator left the organization", () => {
  it("is refused with a 401 that says why", async () => {
    const admin = await makeOwner("v1acc-admin");
    const membership = await db.membership.create({ data: { userId: admin.userId, organizationId: a.organizationId, role: "admin" } });
    const key = await makeKey({ ...a, userId: admin.userId, role: "admin" });
    const list = V1_OPERATIONS.find((o) => o.id === "listChannels")!;
    expect((await call(list, key)).status).toBe(200);
    await db.membership.delete({ where: { id: membership.id } });
    const res = await call(list, key);
    problemOf(res, 401);
    expect(res.body.detail).toContain("left the organization");
  });
});
