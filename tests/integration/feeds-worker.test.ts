import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { addFeed } from "@/lib/feeds/operations";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";
import { startFeedServer, type FeedServer } from "../helpers/feed-server";
import { ownDatabase, settled, spawnWorker, stopWorker, waitFor, workerReady } from "../helpers/publishing";

// The schedule for real: `npm run worker` processes poll the feed, post its new item, and publish
// it to the (emulated) platform. A second process started after the first has stopped (a restart),
// even without the ETag, posts only what is new since.
const database = ownDatabase();
let emu: Emulator;
let server: FeedServer;
const workers: ReturnType<typeof spawnWorker>[] = [];

beforeAll(async () => {
  emu = await useEmulator();
  server = await startFeedServer("Worker news", [{ id: "w1", title: "Before the feed was added" }]);
}, 60_000);
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => stopWorker(w, "SIGKILL")));
});
afterAll(async () => {
  await emu?.stop();
  await server?.stop();
});

const startWorker = async () => {
  const w = spawnWorker(database.url(), emu.url, { PROVIDER_TIMEOUT_MS: "10000" });
  workers.push(w);
  await workerReady(w);
  return w;
};
const due = (feedId: string) => db.feed.update({ where: { id: feedId }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
const checkedAfter = (feedId: string, since: Date) =>
  waitFor(
    "the worker to check the feed",
    async () => {
      const f = await db.feed.findUniqueOrThrow({ where: { id: feedId } });
      return f.lastCheckedAt && f.lastCheckedAt > since && f;
    },
    30_000,
  );
const received = (title: string) => emu.state.posts.filter((p) => p.text.startsWith(title));

it("posts each new item once across worker processes and a restart", { timeout: 180_000 }, async () => {
  const owner = await makeOwner("feed-worker");
  const masto = await connectEmulated(owner, emu, "mastodon", "feed_masto");
  const feed = await addFeed(owner, {
    url: `${server.url}/rss.xml`,
    template: "{title} {link}",
    channels: [{ channelId: masto }],
    mode: "now",
  });

  server.items.unshift({ id: "w2", title: "First new item" });
  let since = new Date();
  await due(feed.id);
  // Two workers at once: the feed is claimed by one of them, the item posted once.
  const [a, b] = await Promise.all([startWorker(), startWorker()]);
  await checkedAfter(feed.id, since);
  const first = await waitFor("the item's post", () =>
    db.feedItem.findFirst({ where: { feedId: feed.id, itemKey: "guid:w2", state: "posted" } }),
  );
  const [target] = await settled(first.postId!, 30_000);
  expect(target!.status).toBe("published");
  expect(received("First new item")).toHaveLength(1);
  await Promise.all([stopWorker(a!), stopWorker(b!)]);

  // A restart that has lost the ETag gets the whole document again and posts only the new item.
  server.items.unshift({ id: "w3", title: "Second new item" });
  await db.feed.update({ where: { id: feed.id }, data: { etag: null, lastModified: null } });
  since = new Date();
  await due(feed.id);
  await startWorker();
  await checkedAfter(feed.id, since);
  const second = await waitFor("the second item's post", () =>
    db.feedItem.findFirst({ where: { feedId: feed.id, itemKey: "guid:w3", state: "posted" } }),
  );
  await settled(second.postId!, 30_000);
  expect(received("First new item")).toHaveLength(1);
  expect(received("Second new item")).toHaveLength(1);
  expect(received("Before the feed was added")).toHaveLength(0);
  expect(await db.post.count({ where: { organizationId: owner.organizationId } })).toBe(2);
  expect(server.hits.filter((h) => h.path === "/rss.xml" && h.status === 200).length).toBeGreaterThanOrEqual(3);
});
