import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { createPost, retryTarget } from "@/lib/posts/operations";
import { retryInfo } from "@/lib/posts/retry";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { connectEmulated } from "../../helpers/channels";
import { injectFault, useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, settled, waitFor } from "../../helpers/publishing";

// Platform faults, each answered by the emulator in the platform's documented shape, and what
// the engine makes of them: never a lost post, never a duplicate, always a readable reason.
ownDatabase();
let emu: Emulator;
let worker: PublishingWorker;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};
let files: Server;
let filesUrl = "";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==", "base64");

beforeAll(async () => {
  emu = await useEmulator();
  owner = await makeOwner("faults");
  ch.x = await connectEmulated(owner, emu, "x", "fault_x");
  ch.mastodon = await connectEmulated(owner, emu, "mastodon", "fault_masto");
  ch.linkedin = await connectEmulated(owner, emu, "linkedin", "fault_li");
  files = createServer((req, res) => {
    if (req.url === "/pic.png") return res.writeHead(200, { "content-type": "image/png" }).end(PNG);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
  files?.close();
});
beforeEach(() => {
  emu.state.faults = [];
});

const received = (text: string) => emu.state.posts.filter((p) => p.text === text);
const postNow = (channelId: string, text: string) => createPost(owner, { mode: "now", targets: [{ channelId, items: [{ text }] }] });

describe("platform faults", () => {
  it("waits out a 429 until X's x-rate-limit-reset and then publishes once", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "rate-limit", retryAfterSeconds: 2 });
    const started = Date.now();
    const [t] = await settled((await postNow(ch.x!, "after the rate limit")).id);
    expect(t!.status).toBe("published");
    expect(received("after the rate limit")).toHaveLength(1);
    expect(received("after the rate limit")[0]!.receivedAt - started).toBeGreaterThanOrEqual(1000);
  });

  it("hands a long Retry-After back to the schedule instead of holding a worker", async () => {
    await injectFault(emu, { platform: "mastodon", route: "post", kind: "rate-limit", retryAfterSeconds: 600 });
    const { id } = await postNow(ch.mastodon!, "rate limited for ten minutes");
    const t = await waitFor("the retry to be scheduled", async () => {
      const t = await db.postTarget.findFirstOrThrow({ where: { postId: id } });
      return t.errorKind === "retry" && t.status === "scheduled" && t;
    });
    expect(t.dueAt!.getTime() - Date.now()).toBeGreaterThan(500_000);
    // The reason in words, not the platform's body; the time and attempt are facts the browser shows in the user's zone.
    expect(t.errorMessage).toBe("Mastodon is limiting how often this account may post right now (too many requests)");
    expect(retryInfo(t, 8)).toMatchObject({ at: t.dueAt!.toISOString(), attempt: 2, maxAttempts: 8 });
    expect(received("rate limited for ten minutes")).toHaveLength(0);
  });

  it("survives a burst of 5xx on X without publishing twice (read-back before each repeat)", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "server-error", times: 3 });
    const [t] = await settled((await postNow(ch.x!, "through the storm")).id);
    expect(t!.status).toBe("published");
    expect(t!.attempts).toBe(4);
    expect(received("through the storm")).toHaveLength(1);
  });

  it("finds an X post whose answer timed out instead of posting it again", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "timeout", processed: true, delayMs: 5000 });
    const [t] = await settled((await postNow(ch.x!, "lost answer on X")).id);
    expect(t!.status).toBe("published");
    expect(received("lost answer on X")).toHaveLength(1);
    expect((t!.results as { id: string }[])[0]!.id).toBe(received("lost answer on X")[0]!.id);
  });

  it("repeats a timed-out Mastodon status with the same Idempotency-Key, making one status", async () => {
    await injectFault(emu, { platform: "mastodon", route: "post", kind: "timeout", processed: true, delayMs: 5000 });
    const [t] = await settled((await postNow(ch.mastodon!, "lost answer on Mastodon")).id);
    expect(t!.status).toBe("published");
    expect(received("lost answer on Mastodon")).toHaveLength(1);
  });

  it("marks a LinkedIn post whose answer was lost unconfirmed, and publishes on 'retry'", async () => {
    await injectFault(emu, { platform: "linkedin", route: "post", kind: "timeout", processed: false, delayMs: 5000 });
    const { id } = await postNow(ch.linkedin!, "did it go out?");
    const [t] = await settled(id);
    expect(t!.status).toBe("unconfirmed");
    expect(t!.errorMessage).toMatch(/LinkedIn did not confirm the post .*"Retry"/);
    const notes = await db.notification.findMany({ where: { organizationId: owner.organizationId, kind: "post.unconfirmed" } });
    expect(notes).toHaveLength(1);
    expect(received("did it go out?")).toHaveLength(0);

    await retryTarget(owner, t!.id);
    const [again] = await settled(id);
    expect(again!.status).toBe("published");
    expect(received("did it go out?")).toHaveLength(1);
  });

  it("refreshes an expired token on a 401 and publishes", async () => {
    const before = await db.integration.findUniqueOrThrow({ where: { id: ch.x! } });
    await fetch(`${emu.url}/_emulator/tokens/expire`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ platform: "x" }),
    });
    const [t] = await settled((await postNow(ch.x!, "after a refresh")).id);
    expect(t!.status).toBe("published");
    const after = await db.integration.findUniqueOrThrow({ where: { id: ch.x! } });
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.status).toBe("active");
  });

  it("attaches media fetched from a URL", async () => {
    const { id } = await createPost(owner, {
      mode: "now",
      targets: [{ channelId: ch.mastodon!, items: [{ text: "with a picture", media: [{ url: `${filesUrl}/pic.png`, alt: "a dot" }] }] }],
    });
    const [t] = await settled(id);
    expect(t!.status).toBe("published");
    expect(received("with a picture")[0]!.media).toHaveLength(1);
  });

  it("refuses media on a private address unless the operator allows it", async () => {
    const saved = { sandbox: process.env.PROVIDER_SANDBOX_URL, allow: process.env.ALLOW_PRIVATE_NETWORK };
    const { loadMedia } = await import("@/lib/publishing/media");
    delete process.env.PROVIDER_SANDBOX_URL;
    delete process.env.ALLOW_PRIVATE_NETWORK;
    try {
      await expect(loadMedia(owner.organizationId, [{ url: `${filesUrl}/pic.png`, mimeType: "image/png" }], 1e6)).rejects.toMatchObject({
        kind: "bad-body",
        message: expect.stringContaining("private network"),
      });
    } finally {
      Object.assign(process.env, { PROVIDER_SANDBOX_URL: saved.sandbox, ALLOW_PRIVATE_NETWORK: saved.allow });
    }
    await expect(loadMedia(owner.organizationId, [{ url: `${filesUrl}/pic.png`, mimeType: "image/png" }], 10)).rejects.toMatchObject({
      kind: "bad-body",
      message: expect.stringContaining("limit"),
    });
  });

  it("when a refresh is refused: flags the channel once, fails its pending posts with the reason", async () => {
    const li = ch.linkedin!;
    await db.integration.update({ where: { id: li }, data: { refreshToken: encryptSecret("revoked-refresh-token") } });
    await fetch(`${emu.url}/_emulator/tokens/expire`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ platform: "linkedin" }),
    });
    const later = await createPost(owner, {
      mode: "schedule",
      publishAt: new Date(Date.now() + 3_600_000),
      targets: [{ channelId: li, items: [{ text: "tomorrow's post" }] }],
    });
    const [t] = await settled((await postNow(li, "refresh refused")).id);
    expect(t!.status).toBe("failed");
    expect(t!.errorKind).toBe("disconnect");
    expect(t!.errorMessage).toMatch(/is disconnected: .*Reconnect it on the Channels page/);
    const pending = await db.postTarget.findFirstOrThrow({ where: { postId: later.id } });
    expect(pending.status).toBe("failed");
    expect(pending.errorMessage).toBe(t!.errorMessage);
    expect((await db.integration.findUniqueOrThrow({ where: { id: li } })).status).toBe("refresh_needed");
    const notes = await db.notification.findMany({
      where: { organizationId: owner.organizationId, kind: { in: ["channel.reconnect", "post.failed"] }, createdAt: { gte: t!.createdAt } },
    });
    expect(notes.map((n) => n.kind)).toEqual(["channel.reconnect"]);
    expect(received("refresh refused")).toHaveLength(0);
  });

  it("re-queues a due post whose job was lost, and reports one too late to send", async () => {
    const { id } = await createPost(owner, {
      mode: "schedule",
      publishAt: new Date(Date.now() + 60_000),
      targets: [{ channelId: ch.mastodon!, items: [{ text: "job went missing" }] }],
    });
    const t = await db.postTarget.findFirstOrThrow({ where: { postId: id } });
    await db.$executeRaw`DELETE FROM pgboss.job WHERE id::text = ${t.jobId}`;
    await db.postTarget.update({ where: { id: t.id }, data: { dueAt: new Date(Date.now() - 5_000) } });
    const [done] = await settled(id, 30_000);
    expect(done!.status).toBe("published");

    const late = await createPost(owner, {
      mode: "schedule",
      publishAt: new Date(Date.now() + 60_000),
      targets: [{ channelId: ch.mastodon!, items: [{ text: "far too late" }] }],
    });
    const lt = await db.postTarget.findFirstOrThrow({ where: { postId: late.id } });
    await db.$executeRaw`DELETE FROM pgboss.job WHERE id::text = ${lt.jobId}`;
    await db.postTarget.update({ where: { id: lt.id }, data: { dueAt: new Date(Date.now() - 3 * 3_600_000) } });
    const [gone] = await settled(late.id, 30_000);
    expect(gone!.status).toBe("failed");
    expect(gone!.errorKind).toBe("late");
    expect(gone!.errorMessage).toMatch(/more than 60 minutes late/);
    expect(received("far too late")).toHaveLength(0);
  }, 75_000);
});
