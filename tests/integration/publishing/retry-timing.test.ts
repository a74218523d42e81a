import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { createPost } from "@/lib/posts/operations";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { connectEmulated } from "../../helpers/channels";
import { injectFault, useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, settled } from "../../helpers/publishing";

// How long a transient failure delays a post, with the engine's production backoff (not the
// shortened one other publishing tests use). X and Mastodon send their rate-limit window's reset
// on every answer, server errors included; only a 429 (or an empty window) may make us wait for it.
ownDatabase();
let emu: Emulator;
let worker: PublishingWorker;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};

beforeAll(async () => {
  delete process.env.PUBLISH_RETRY_BASE_MS;
  delete process.env.PUBLISH_RETRY_MAX_MS;
  emu = await useEmulator();
  owner = await makeOwner("retry-timing");
  ch.x = await connectEmulated(owner, emu, "x", "timing_x");
  ch.mastodon = await connectEmulated(owner, emu, "mastodon", "timing_masto");
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
});
beforeEach(() => {
  emu.state.faults = [];
});

const received = (text: string) => emu.state.posts.filter((p) => p.text === text);
const postNow = (channelId: string, text: string) => createPost(owner, { mode: "now", targets: [{ channelId, items: [{ text }] }] });

describe("retry timing", () => {
  it("X: two 500s with 299 requests left, then success: published within 30 s, once", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "server-error", times: 2 });
    const started = Date.now();
    const [t] = await settled((await postNow(ch.x!, "x through two errors")).id, 40_000);
    expect(t!.status).toBe("published");
    expect(t!.attempts).toBe(3);
    expect(received("x through two errors")).toHaveLength(1);
    expect(received("x through two errors")[0]!.receivedAt - started).toBeLessThan(30_000);
  }, 45_000);

  it("Mastodon: two 503s with the window's reset 5 minutes away, then success: published within 30 s", async () => {
    await injectFault(emu, { platform: "mastodon", route: "post", kind: "server-error", times: 2 });
    const started = Date.now();
    const [t] = await settled((await postNow(ch.mastodon!, "mastodon through two errors")).id, 40_000);
    expect(t!.status).toBe("published");
    expect(received("mastodon through two errors")).toHaveLength(1);
    expect(received("mastodon through two errors")[0]!.receivedAt - started).toBeLessThan(30_000);
  }, 45_000);

  it("Mastodon: a 429 waits for X-RateLimit-Reset (no Retry-After) before publishing", async () => {
    await injectFault(emu, { platform: "mastodon", route: "post", kind: "rate-limit", retryAfterSeconds: 3 });
    const started = Date.now();
    const [t] = await settled((await postNow(ch.mastodon!, "after the mastodon window")).id, 20_000);
    expect(t!.status).toBe("published");
    expect(received("after the mastodon window")).toHaveLength(1);
    expect(received("after the mastodon window")[0]!.receivedAt - started).toBeGreaterThanOrEqual(2_000);
  }, 30_000);
});
