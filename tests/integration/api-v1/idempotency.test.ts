import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { POST as createPost } from "@/app/api/v1/posts/route";
import { POST as duplicatePost } from "@/app/api/v1/posts/[id]/duplicate/route";
import { authenticateApiKey } from "@/lib/api-keys/keys";
import { claimIdempotencyKey, requestHash } from "@/lib/api/v1/idempotency";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { makeKey, v1Call } from "../../helpers/api-v1";

// Idempotency-Key on POST: a replay gets the first answer (status, body, and a header saying so)
// and creates nothing; the same key with another body is 422; while the first request runs, 409;
// two simultaneous requests with one key make one post.

let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let channel: string;
let key: string;
const publishAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
const body = (text: string) => ({ mode: "schedule", publishAt, targets: [{ channelId: channel, items: [{ text }] }] });
const send = (b: unknown, idem: string, k = key) =>
  v1Call(createPost, "/api/v1/posts", { method: "POST", key: k, body: b, headers: { "Idempotency-Key": idem } });
const postCount = () => a.db.post.count();

beforeAll(async () => {
  emu = await useEmulator();
  a = await makeOwner("v1idem");
  channel = await connectEmulated(a, emu, "mastodon", `v1idem_${Date.now()}`);
  key = await makeKey(a);
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("Idempotency-Key", () => {
  it("replays the first answer without creating a second post, and refuses the key with another body", async () => {
    const before = await postCount();
    const first = await send(body("once"), "order-1");
    expect(first.status).toBe(201);
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    const replay = await send(body("once"), "order-1");
    expect(replay.status).toBe(201);
    // The same bytes, key order included (the answer is kept as the text that was sent).
    expect(JSON.stringify(replay.body)).toBe(JSON.stringify(first.body));
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.headers.get("RateLimit-Remaining")).not.toBeNull();
    expect(await postCount()).toBe(before + 1);

    const other = await send(body("something else"), "order-1");
    expect(other.status).toBe(422);
    expect(other.body.type).toBe("urn:postmill:problem:idempotency-mismatch");
    expect(other.body.errors).toEqual([{ field: "Idempotency-Key", message: "was already used with a different request" }]);
    expect(await postCount()).toBe(before + 1);
  });

  it("replays refusals too, and keeps keys apart per API key", async () => {
    const bad = { mode: "schedule", targets: [{ channelId: channel, items: [{ text: "no time" }] }] };
    const first = await send(bad, "order-bad");
    expect(first.status).toBe(422);
    const replay = await send(bad, "order-bad");
    expect(replay.status).toBe(422);
    expect(replay.body).toEqual(first.body);
    const otherKey = await makeKey(a);
    const before = await postCount();
    expect((await send(body("once"), "order-1", otherKey)).status).toBe(201);
    expect(await postCount()).toBe(before + 1);
  });

  it("answers 409 while a request with the same key is in flight", async () => {
    const ctx = await authenticateApiKey(key);
    const b = JSON.stringify(body("in flight"));
    await claimIdempotencyKey(ctx, "order-flight", requestHash("POST", "/api/v1/posts", b));
    const before = await postCount();
    const res = await v1Call(createPost, "/api/v1/posts", {
      method: "POST",
      key,
      rawBody: b,
      headers: { "Idempotency-Key": "order-flight" },
    });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("urn:postmill:problem:idempotency-in-flight");
    expect(res.headers.get("Retry-After")).toBe("1");
    expect(await postCount()).toBe(before);
  });

  it("makes one post from two simultaneous requests with the same key", async () => {
    const before = await postCount();
    const answers = await Promise.all([
      send(body("race"), "order-race"),
      send(body("race"), "order-race"),
      send(body("race"), "order-race"),
    ]);
    expect(await postCount()).toBe(before + 1);
    const firsts = answers.filter((r) => r.status === 201 && !r.headers.get("Idempotent-Replayed"));
    expect(firsts).toHaveLength(1);
    for (const r of answers.filter((x) => x !== firsts[0])) {
      if (r.status === 201) expect(r.body).toEqual(firsts[0]!.body);
      else expect(r.status).toBe(409);
    }
  });

  it("covers every POST, and refuses a malformed key", async () => {
    const post = (await send(body("to copy"), "order-copy")).body.id as string;
    const dup = (idem: string) =>
      v1Call(duplicatePost, `/api/v1/posts/${post}/duplicate`, {
        method: "POST",
        key,
        params: { id: post },
        headers: { "Idempotency-Key": idem },
      });
    const before = await postCount();
    const one = await dup("copy-1");
    const two = await dup("copy-1");
    expect(two.body).toEqual(one.body);
    expect(await postCount()).toBe(before + 1);
    const bad = await dup("has spaces in it");
    expect(bad.status).toBe(422);
    expect(bad.body.errors![0]!.field).toBe("Idempotency-Key");
  });
});
