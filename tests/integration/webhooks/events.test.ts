import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { createPost, deletePost, reschedulePost } from "@/lib/posts/operations";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { deleteChannel } from "@/lib/channels/queries";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { importCsv } from "@/lib/imports/write";
import { createSeries, stopSeries } from "@/lib/posts/series-operations";
import { addToQueue } from "@/lib/schedules/add-to-queue";
import { saveSchedules } from "@/lib/schedules/store";
import { startWebhookWorker, type WebhookWorker } from "@/lib/webhooks/worker";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { connectEmulated } from "../../helpers/channels";
import { injectFault, useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, settled, waitFor } from "../../helpers/publishing";
import { startReceiver, type Receiver } from "../../helpers/webhook-receiver";

// Every event type, raised by the app's real flows (connect, compose, publish through the
// emulator, a platform refusing, delete), arrives at a local receiver signed as Standard Webhooks
// (checked with the independent `standardwebhooks` package) with its documented payload.
ownDatabase();
let emu: Emulator;
let publisher: PublishingWorker;
let webhooks: WebhookWorker;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let all: Receiver;
let filtered: Receiver;
const ch: Record<string, string> = {};

beforeAll(async () => {
  Object.assign(process.env, { WEBHOOK_POLL_SECONDS: "0.5", WEBHOOK_SWEEP_MS: "300", WEBHOOK_RETRY_DELAYS_MS: "200,400" });
  emu = await useEmulator();
  owner = await makeOwner("hooks");
  all = await startReceiver();
  filtered = await startReceiver();
  const e = await createEndpoint(owner, { url: all.url, description: "everything" });
  all.secret = e.secret;
  ch.sky = await connectEmulated(owner, emu, "bluesky", "hooksky");
  ch.x = await connectEmulated(owner, emu, "x", "hooks_x");
  ch.sky2 = await connectEmulated(owner, emu, "bluesky", "hooksky2");
  // Only target.published, and only about the Bluesky channel.
  const f = await createEndpoint(owner, { url: filtered.url, events: ["target.published"], channelIds: [ch.sky] });
  filtered.secret = f.secret;
  publisher = await startPublishingWorker();
  webhooks = await startWebhookWorker();
}, 60_000);
afterAll(async () => {
  await webhooks?.stop();
  await publisher?.stop();
  await all?.close();
  await filtered?.close();
  await emu?.stop();
});

const ofType = (r: Receiver, type: string) => r.received.filter((x) => x.event.type === type);
const arrived = (r: Receiver, type: string, pred: (d: Record<string, unknown>) => boolean = () => true) =>
  waitFor(`${type} at the receiver`, async () => ofType(r, type).find((x) => pred(x.event.data)));

describe("webhook events", () => {
  it("sends every event type, signed, with stable ids in the payload", async () => {
    // channel.connected: the channels connected after the endpoint was created.
    const connected = await arrived(all, "channel.connected", (d) => d.channelId === ch.x);
    expect(connected.event.data).toMatchObject({ channelId: ch.x, platform: "x", status: "active" });

    // post.created, then target.published and post.published once the emulator has it.
    const now = await createPost(owner, { mode: "now", targets: [{ channelId: ch.sky!, items: [{ text: "hello hooks" }] }] });
    await settled(now.id);
    const created = await arrived(all, "post.created", (d) => d.postId === now.id);
    expect(created.event.data).toMatchObject({ postId: now.id, targets: [{ channelId: ch.sky, platform: "bluesky" }] });
    const target = await arrived(all, "target.published", (d) => d.postId === now.id);
    const row = await db.postTarget.findFirstOrThrow({ where: { postId: now.id } });
    expect(target.event.data).toEqual({
      targetId: row.id,
      postId: now.id,
      channelId: ch.sky,
      platform: "bluesky",
      status: "published",
      publishedAt: expect.any(String),
      url: (row.results as { url: string }[])[0]!.url,
      error: null,
    });
    expect(new Date(target.event.data.publishedAt as string).getTime()).toBe(row.publishedAt!.getTime());
    const published = await arrived(all, "post.published", (d) => d.postId === now.id);
    expect(published.event.data).toMatchObject({
      postId: now.id,
      status: "published",
      targets: [{ targetId: row.id, status: "published" }],
    });

    // post.updated and post.deleted.
    const later = await createPost(owner, {
      mode: "schedule",
      publishAt: new Date(Date.now() + 3_600_000),
      targets: [{ channelId: ch.x!, items: [{ text: "later" }] }],
    });
    await reschedulePost(owner, later.id, { publishAt: new Date(Date.now() + 7_200_000) });
    const updated = await arrived(all, "post.updated", (d) => d.postId === later.id);
    expect(updated.event.data).toMatchObject({ postId: later.id, status: "scheduled" });
    await deletePost(owner, later.id);
    expect((await arrived(all, "post.deleted", (d) => d.postId === later.id)).event.data).toMatchObject({ status: "deleted" });

    // A platform that refuses the account: target.failed, post.failed and channel.disconnected.
    await injectFault(emu, { platform: "x", route: "post", kind: "expired-token", times: 5 });
    const doomed = await createPost(owner, { mode: "now", targets: [{ channelId: ch.x!, items: [{ text: "refused" }] }] });
    const [failedTarget] = await settled(doomed.id);
    expect(failedTarget!.status).toBe("failed");
    const tf = await arrived(all, "target.failed", (d) => d.postId === doomed.id);
    expect(tf.event.data).toMatchObject({
      targetId: failedTarget!.id,
      channelId: ch.x,
      status: "failed",
      error: failedTarget!.errorMessage,
    });
    expect((await arrived(all, "post.failed", (d) => d.postId === doomed.id)).event.data).toMatchObject({ status: "failed" });
    await arrived(all, "channel.disconnected", (d) => d.channelId === ch.x);

    // Deleting a channel is a disconnection too.
    await deleteChannel(owner, ch.x!);
    await arrived(all, "channel.disconnected", (d) => d.channelId === ch.x && d.status === "deleted");

    for (const type of WEBHOOK_EVENTS) expect(ofType(all, type).length, type).toBeGreaterThan(0);
    for (const r of all.received) {
      expect(r.verified, `${r.event.type} signature`).toBe(true);
      expect(r.id).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(r.event.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    // One delivery per event: no webhook-id arrived twice (every answer was 200).
    expect(new Set(all.received.map((r) => r.id)).size).toBe(all.received.length);
    // Exactly one post.published for the post, though the trigger fires per target.
    expect(ofType(all, "post.published").filter((r) => r.event.data.postId === now.id)).toHaveLength(1);
  }, 60_000);

  it("tells of posts made by the queue, a recurring series and a CSV import, and of occurrences a stopped series removes", async () => {
    const text = (t: string) => [{ channelId: ch.sky2!, items: [{ text: t }] }];
    await saveSchedules(owner, { channelIds: [ch.sky2], timeZone: "UTC", slots: [{ weekday: 3, time: "10:00" }] });
    const queued = await addToQueue(owner, { targets: text("queued hook") });
    await arrived(all, "post.created", (d) => d.postId === queued.posts[0]!.postId);

    const start = new Date(Date.now() + 3 * 86_400_000);
    const series = await createSeries(owner, {
      publishAt: start,
      targets: text("daily hook"),
      repeat: { freq: "daily", end: { kind: "count", count: 3 } },
    });
    for (const id of series.postIds) await arrived(all, "post.created", (d) => d.postId === id);
    await stopSeries(owner, series.postIds[1]!);
    await arrived(all, "post.deleted", (d) => d.postId === series.postIds[2]);

    const when = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const imported = await importCsv(owner, `date,channels,text\n${when},${ch.sky2},imported hook\n`, { timeZone: "UTC", rows: "all" });
    await arrived(all, "post.created", (d) => d.postId === imported.postIds[0]);
  });

  it("keeps to an endpoint's event and channel filters", async () => {
    const other = await createPost(owner, { mode: "now", targets: [{ channelId: ch.sky2!, items: [{ text: "other channel" }] }] });
    const mine = await createPost(owner, { mode: "now", targets: [{ channelId: ch.sky!, items: [{ text: "my channel" }] }] });
    await arrived(all, "target.published", (d) => d.postId === other.id);
    await arrived(filtered, "target.published", (d) => d.postId === mine.id);
    // Outbox rows are written with the change, so by now the other channel's would exist.
    const forFiltered = await db.webhookDelivery.findMany({ where: { endpoint: { url: filtered.url } } });
    expect(forFiltered.some((d) => (d.data as { postId?: string }).postId === other.id)).toBe(false);
    await waitFor("the filtered receiver to settle", async () => filtered.received.length > 0);
    expect(filtered.received.every((r) => r.event.type === "target.published" && r.event.data.channelId === ch.sky)).toBe(true);
    expect(filtered.received.every((r) => r.verified)).toBe(true);
    // The filtered endpoint has its own webhook-ids for the same event.
    const own = new Set(filtered.received.map((r) => r.id));
    expect(all.received.some((r) => own.has(r.id))).toBe(false);
  });
});
