import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { cancelPost, createPost, reschedulePost } from "@/lib/posts/operations";
import { derivePostStatus } from "@/lib/posts/status";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, settled, waitFor } from "../../helpers/publishing";

// The engine end to end against the emulator: a worker in this process, real Postgres.
ownDatabase();
let emu: Emulator;
let worker: PublishingWorker;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};

beforeAll(async () => {
  emu = await useEmulator();
  owner = await makeOwner("pub");
  ch.x = await connectEmulated(owner, emu, "x", "pub_x");
  ch.mastodon = await connectEmulated(owner, emu, "mastodon", "pub_masto");
  ch.bluesky = await connectEmulated(owner, emu, "bluesky", "pubsky");
  ch.linkedin = await connectEmulated(owner, emu, "linkedin", "pub_li");
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
const now = (channelId: string, ...texts: string[]) => ({ mode: "now", targets: [{ channelId, items: texts.map((text) => ({ text })) }] });

describe("publishing", () => {
  it("posts now to X once, storing the platform id and link", async () => {
    const { id } = await createPost(owner, now(ch.x!, "hello from the engine"));
    const [t] = await settled(id);
    expect(t!.status).toBe("published");
    const [r] = t!.results as { id: string; url: string }[];
    expect(received("hello from the engine")).toHaveLength(1);
    expect(r!.id).toBe(received("hello from the engine")[0]!.id);
    expect(r!.url).toMatch(/^https?:\/\/.+/);
    expect(t!.publishedAt).toBeInstanceOf(Date);
  });

  it("publishes a Mastodon thread in order, each reply linked to the one before", async () => {
    const { id } = await createPost(owner, now(ch.mastodon!, "thread 1/3", "thread 2/3", "thread 3/3"));
    const [t] = await settled(id);
    expect(t!.status).toBe("published");
    const ids = (t!.results as { id: string }[]).map((r) => r.id);
    const posts = ["thread 1/3", "thread 2/3", "thread 3/3"].map((x) => received(x));
    expect(posts.map((p) => p.length)).toEqual([1, 1, 1]);
    expect(posts.map((p) => p[0]!.id)).toEqual(ids);
    expect(posts[1]![0]!.replyTo).toBe(ids[0]);
    expect(posts[2]![0]!.replyTo).toBe(ids[1]);
    expect(posts[0]![0]!.receivedAt).toBeLessThanOrEqual(posts[1]![0]!.receivedAt);
  });

  it("publishes a Bluesky thread with the right parents", async () => {
    const { id } = await createPost(owner, now(ch.bluesky!, "sky 1", "sky 2"));
    const [t] = await settled(id);
    expect(t!.status).toBe("published");
    const ids = (t!.results as { id: string }[]).map((r) => r.id);
    expect(received("sky 2")[0]!.replyTo).toBe(ids[0]);
  });

  it("shows partial success when one channel publishes and another refuses", async () => {
    await fetch(`${emu.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ platform: "x", kind: "duplicate" }),
    });
    const { id } = await createPost(owner, {
      mode: "now",
      targets: [
        { channelId: ch.x!, items: [{ text: "partial day" }] },
        { channelId: ch.mastodon!, items: [{ text: "partial day" }] },
      ],
    });
    const targets = await settled(id);
    const byProvider = Object.fromEntries(targets.map((t) => [t.integration.provider, t]));
    expect(byProvider.mastodon!.status).toBe("published");
    expect(byProvider.x!.status).toBe("failed");
    expect(byProvider.x!.errorKind).toBe("bad-body");
    expect(byProvider.x!.errorMessage).toMatch(/X refused the post: .*duplicate/i);
    expect(derivePostStatus(targets.map((t) => t.status))).toBe("partial");
    const notes = await db.notification.findMany({
      where: { organizationId: owner.organizationId, kind: "post.failed", link: `/calendar?post=${id}` },
    });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain("duplicate");
  });

  it("sends nothing for a post cancelled before its time", async () => {
    // Due far enough ahead that a busy machine still cancels it before its time, then waited past it.
    const due = Date.now() + 4000;
    const { id } = await createPost(owner, {
      mode: "schedule",
      publishAt: new Date(due),
      targets: [{ channelId: ch.x!, items: [{ text: "never sent" }] }],
    });
    expect(await cancelPost(owner, id)).toEqual({ cancelled: 1, inFlight: 0 });
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now()) + 1500));
    expect(received("never sent")).toHaveLength(0);
    const t = await db.postTarget.findFirstOrThrow({ where: { postId: id } });
    expect(t.status).toBe("cancelled");
    const job = await db.$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE data->>'targetId' = ${t.id}`;
    expect(job.map((j) => j.state)).toEqual(["cancelled"]);
  });

  it("moves the job when a post is rescheduled", async () => {
    // Times far enough apart that a busy machine still moves it before the first comes round.
    const first = new Date(Date.now() + 3000);
    const { id } = await createPost(owner, {
      mode: "schedule",
      publishAt: first,
      targets: [{ channelId: ch.mastodon!, items: [{ text: "moved later" }] }],
    });
    const later = new Date(Date.now() + 5500);
    await reschedulePost(owner, id, { publishAt: later });
    await new Promise((r) => setTimeout(r, Math.max(0, first.getTime() - Date.now()) + 1000));
    expect(received("moved later")).toHaveLength(0);
    const [t] = await settled(id, 10_000);
    expect(t!.status).toBe("published");
    expect(received("moved later")).toHaveLength(1);
    expect(received("moved later")[0]!.receivedAt).toBeGreaterThanOrEqual(later.getTime());
    // Jobs are completed in small batches just after the target is published.
    const states = await waitFor("the job to complete", async () => {
      const jobs = await db.$queryRaw<
        { state: string }[]
      >`SELECT state::text FROM pgboss.job WHERE data->>'targetId' = ${t!.id} ORDER BY created_on`;
      return jobs.at(-1)?.state === "completed" && jobs.map((j) => j.state);
    });
    expect(states).toEqual(["cancelled", "completed"]);
  });

  it("publishes a scheduled post on time", async () => {
    const at = new Date(Date.now() + 1500);
    const { id } = await createPost(owner, {
      mode: "schedule",
      publishAt: at,
      targets: [{ channelId: ch.x!, items: [{ text: "right on time" }] }],
    });
    const [t] = await settled(id, 10_000);
    expect(t!.status).toBe("published");
    const got = received("right on time")[0]!.receivedAt;
    expect(got).toBeGreaterThanOrEqual(at.getTime());
    expect(got - at.getTime()).toBeLessThan(2000);
  });

  it("refuses to save a post over a channel's limit, naming the channel, and saves nothing", async () => {
    const before = await db.post.count({ where: { organizationId: owner.organizationId } });
    await expect(
      createPost(owner, {
        mode: "now",
        targets: [
          { channelId: ch.x!, items: [{ text: "x".repeat(281) }] },
          { channelId: ch.mastodon!, items: [{ text: "fine" }] },
        ],
      }),
    ).rejects.toMatchObject({
      fields: { "targets.0.items.0.text": expect.stringMatching(/pub x \(X, @pub_x\): 281 of 280 characters/) },
    });
    await expect(
      createPost(owner, {
        mode: "schedule",
        publishAt: new Date(Date.now() - 3_600_000),
        targets: [{ channelId: ch.x!, items: [{ text: "past" }] }],
      }),
    ).rejects.toMatchObject({
      fields: { publishAt: expect.stringContaining("future") },
    });
    expect(await db.post.count({ where: { organizationId: owner.organizationId } })).toBe(before);
  });
});

describe("the enqueue horizon", () => {
  it("gives a post scheduled beyond it no job until the sweep brings it within reach, then publishes it on time", async () => {
    process.env.PUBLISH_ENQUEUE_HORIZON_MINUTES = "0.03"; // 1.8 s
    try {
      const at = new Date(Date.now() + 4000);
      const { id } = await createPost(owner, {
        mode: "schedule",
        publishAt: at,
        targets: [{ channelId: ch.mastodon!, items: [{ text: "beyond the horizon" }] }],
      });
      expect((await db.postTarget.findFirstOrThrow({ where: { postId: id } })).jobId).toBeNull();
      const [t] = await settled(id, 15_000);
      expect(t!.status).toBe("published");
      expect(t!.jobId).not.toBeNull();
      expect(received("beyond the horizon")[0]!.receivedAt - at.getTime()).toBeLessThan(2000);
    } finally {
      delete process.env.PUBLISH_ENQUEUE_HORIZON_MINUTES;
    }
  });
});
