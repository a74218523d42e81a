import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { createPost } from "@/lib/posts/operations";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, settled, spawnWorker, stopWorker, waitFor, workerReady } from "../../helpers/publishing";

// Separate `npm run worker` processes on one database: the platform limit holds across them, and
// a worker killed in the middle of a publish loses nothing and publishes nothing twice.
const database = ownDatabase();
let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};
const workers: ReturnType<typeof spawnWorker>[] = [];
// A platform call may take longer than the 1.5 s the in-process tests allow.
const start = async () => {
  const w = spawnWorker(database.url(), emu.url, { PROVIDER_TIMEOUT_MS: "10000" });
  workers.push(w);
  await workerReady(w);
  return w;
};
const control = (path: string, body?: unknown) =>
  fetch(
    `${emu.url}/_emulator/${path}`,
    body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  ).then((r) => r.json());

beforeAll(async () => {
  emu = await useEmulator();
  owner = await makeOwner("workers");
  ch.sky1 = await connectEmulated(owner, emu, "bluesky", "wsky1");
  ch.sky2 = await connectEmulated(owner, emu, "bluesky", "wsky2");
  ch.x = await connectEmulated(owner, emu, "x", "w_x");
  ch.mastodon = await connectEmulated(owner, emu, "mastodon", "w_masto");
  ch.linkedin = await connectEmulated(owner, emu, "linkedin", "w_li");
}, 60_000);
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => stopWorker(w, "SIGKILL")));
  await control("latency", { platform: "x", ms: 0 });
  await control("latency", { platform: "mastodon", ms: 0 });
  await control("latency", { platform: "linkedin", ms: 0 });
  await control("latency", { platform: "bluesky", ms: 0 });
});
afterAll(async () => {
  await emu?.stop();
});

const received = (text: string) => emu.state.posts.filter((p) => p.text === text);

describe("worker processes", () => {
  it("hold Bluesky's limit of 2 publishes at once across two workers", async () => {
    await control("latency", { platform: "bluesky", ms: 250 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(
        (
          await createPost(owner, {
            mode: "schedule",
            publishAt: new Date(Date.now() + 4000),
            targets: [{ channelId: i % 2 ? ch.sky1! : ch.sky2!, items: [{ text: `limit ${i}` }] }],
          })
        ).id,
      );
    }
    await Promise.all([start(), start()]);
    await control("stats/reset", {});
    const peaks: number[] = [];
    const sampler = setInterval(
      () => void db.postTarget.count({ where: { status: "publishing", publishGroup: "bluesky" } }).then((n) => peaks.push(n)),
      20,
    );
    try {
      for (const id of ids) expect((await settled(id, 60_000))[0]!.status).toBe("published");
    } finally {
      clearInterval(sampler);
    }
    const stats = await control("stats");
    expect(stats.peakInFlight.bluesky).toBe(2);
    expect(Math.max(...peaks)).toBeLessThanOrEqual(2);
    for (let i = 0; i < 12; i++) expect(received(`limit ${i}`)).toHaveLength(1);
  }, 90_000);

  async function killMidCall(channelId: string, platform: string, texts: string[], killAtItem = 0) {
    await control("latency", { platform, ms: 1500 });
    const { id } = await createPost(owner, { mode: "now", targets: [{ channelId, items: texts.map((text) => ({ text })) }] });
    const first = await start();
    await waitFor(
      "the call to be in flight",
      async () => {
        const t = await db.postTarget.findFirstOrThrow({ where: { postId: id } });
        return t.status === "publishing" && t.callingItem === killAtItem;
      },
      30_000,
    );
    await new Promise((r) => setTimeout(r, 300)); // the request is now at the platform
    await stopWorker(first, "SIGKILL");
    await control("latency", { platform, ms: 0 });
    await start();
    return (await settled(id, 60_000))[0]!;
  }

  it("a worker killed while X is answering: the next worker finds the post instead of repeating it", async () => {
    const t = await killMidCall(ch.x!, "x", ["killed mid-publish on X"]);
    expect(t.status).toBe("published");
    expect(t.attempts).toBe(2); // taken over by the second worker
    await waitFor("the platform to finish", async () => received("killed mid-publish on X").length > 0);
    expect(received("killed mid-publish on X")).toHaveLength(1);
    expect((t.results as { id: string }[])[0]!.id).toBe(received("killed mid-publish on X")[0]!.id);
  }, 90_000);

  it("a worker killed in the middle of an X thread: published items are not sent again", async () => {
    const texts = ["kthread 1", "kthread 2", "kthread 3"];
    const t = await killMidCall(ch.x!, "x", texts, 1);
    expect(t.status).toBe("published");
    for (const text of texts) expect(received(text)).toHaveLength(1);
    const ids = (t.results as { id: string }[]).map((r) => r.id);
    expect(received("kthread 2")[0]!.replyTo).toBe(ids[0]);
    expect(received("kthread 3")[0]!.replyTo).toBe(ids[1]);
  }, 90_000);

  it("a worker killed while Mastodon is answering: the repeat carries the same Idempotency-Key", async () => {
    const t = await killMidCall(ch.mastodon!, "mastodon", ["killed mid-publish on Mastodon"]);
    expect(t.status).toBe("published");
    expect(t.attempts).toBe(2);
    expect(received("killed mid-publish on Mastodon")).toHaveLength(1);
  }, 90_000);

  it("a worker killed while LinkedIn is answering: unconfirmed, never guessed", async () => {
    const t = await killMidCall(ch.linkedin!, "linkedin", ["killed mid-publish on LinkedIn"]);
    expect(t.status).toBe("unconfirmed");
    expect(received("killed mid-publish on LinkedIn").length).toBeLessThanOrEqual(1);
  }, 90_000);
});
