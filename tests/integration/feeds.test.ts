import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { checkFeed, PAUSE_AFTER_FAILURES } from "@/lib/feeds/check";
import { addFeed, checkFeedNow, deleteFeed, previewFeed, setFeedPaused, updateFeed } from "@/lib/feeds/operations";
import { claimDueFeed } from "@/lib/feeds/poller";
import { listFeeds } from "@/lib/feeds/queries";
import { saveSchedules } from "@/lib/schedules/store";
import { stopBoss } from "@/lib/queue/boss";
import { makeOwner } from "../helpers/factories";
import { startFeedServer, type FeedServer } from "../helpers/feed-server";

// Feeds against a real publisher on 127.0.0.1 (tests/helpers/feed-server.ts) and the real
// database: items become posts once, conditional GETs, errors shown on the feed, the pause after
// repeated failures, and the private-network guard.

type Owner = Awaited<ReturnType<typeof makeOwner>>;
let server: FeedServer;
let owner: Owner;
let masto = "";
let x = "";
const savedPrivate = process.env.ALLOW_PRIVATE_NETWORK;

beforeAll(async () => {
  server = await startFeedServer("Acme news", [
    { id: "a1", title: "Old one", summary: "first", date: "2026-11-01T10:00:00Z" },
    { id: "a2", title: "Old two", summary: "second", date: "2026-11-02T10:00:00Z" },
  ]);
  owner = await makeOwner("feeds");
  const channel = (provider: string, name: string, extra = {}) =>
    owner.db.integration.create({
      data: {
        organizationId: owner.organizationId,
        provider,
        internalId: `${provider}-${owner.organizationId}`,
        name,
        accessToken: "secret",
        ...extra,
      },
    });
  masto = (await channel("mastodon", "Acme on Mastodon", { instanceUrl: "https://mastodon.example" })).id;
  x = (await channel("x", "Acme on X")).id;
});
afterEach(() => {
  if (savedPrivate === undefined) delete process.env.ALLOW_PRIVATE_NETWORK;
  else process.env.ALLOW_PRIVATE_NETWORK = savedPrivate;
});
afterAll(async () => {
  await stopBoss();
  await server?.stop();
});

const texts = async (postId: string) =>
  (await db.postTarget.findMany({ where: { postId }, include: { integration: true } })).map((t) => ({
    channel: t.integration.name,
    status: t.status,
    text: (t.items as { text: string }[])[0]!.text,
  }));
const items = (feedId: string) => db.feedItem.findMany({ where: { feedId }, orderBy: { createdAt: "asc" } });

describe("RSS feed", () => {
  let feedId = "";

  it("previews a feed before it is added", async () => {
    const preview = await previewFeed({ url: `${server.url}/rss.xml` });
    expect(preview.title).toBe("Acme news");
    expect(preview.items.map((i) => i.title)).toEqual(["Old one", "Old two"]);
  });

  it("marks the items already there as seen and posts none of them", async () => {
    const added = await addFeed(owner, {
      url: `${server.url}/rss.xml`,
      template: "{title}\n\n{summary}\n\n{link}",
      channels: [{ channelId: masto }],
      mode: "now",
    });
    feedId = added.id;
    expect(added).toMatchObject({ newItems: 2, posted: 0 });
    const rows = (await items(feedId)).map((i) => [i.itemKey, i.state, i.postId]).sort();
    expect(rows).toEqual([
      ["guid:a1", "seen", null],
      ["guid:a2", "seen", null],
    ]);
  });

  it("asks with the ETag and takes 304 Not Modified as nothing new", async () => {
    server.hits.length = 0;
    expect(await checkFeed(feedId)).toEqual({ status: "not-modified" });
    expect(server.hits[0]).toMatchObject({ status: 304 });
    expect(server.hits[0]!.headers["if-none-match"]).toBeTruthy();
    const feed = await db.feed.findUniqueOrThrow({ where: { id: feedId } });
    expect(feed).toMatchObject({ lastStatus: "not_modified", consecutiveFailures: 0 });
  });

  it("posts a new item once, with the template filled in, and never again", async () => {
    server.items.unshift({ id: "a3", title: "Brand new", summary: "<b>Bold</b> &amp; plain", author: "Ann" });
    expect(await checkFeed(feedId)).toEqual({ status: "ok", newItems: 1, posted: 1, failed: 0 });
    const posted = (await items(feedId)).find((i) => i.itemKey === "guid:a3")!;
    expect(posted.state).toBe("posted");
    expect(await texts(posted.postId!)).toEqual([
      { channel: "Acme on Mastodon", status: "scheduled", text: `Brand new\n\nBold & plain\n\n${server.url}/posts/a3` },
    ]);
    // Unchanged: 304. Changed text of a known item: a new ETag, still nothing new.
    expect(await checkFeed(feedId)).toEqual({ status: "not-modified" });
    server.items[0]!.title = "Brand new (edited)";
    expect(await checkFeed(feedId)).toEqual({ status: "ok", newItems: 0, posted: 0, failed: 0 });
    expect(await db.feedItem.count({ where: { feedId, state: "posted" } })).toBe(1);
  });

  it("posts an item once when two checks run at the same moment", async () => {
    server.items.unshift({ id: "a4", title: "Raced" });
    const results = await Promise.all([checkFeed(feedId), checkFeed(feedId), checkFeedNow(owner, feedId)]);
    expect(results.reduce((n, r) => n + (r.status === "ok" ? r.posted : 0), 0)).toBe(1);
    const rows = await db.feedItem.findMany({ where: { feedId, itemKey: "guid:a4" } });
    expect(rows).toHaveLength(1);
    expect(await db.post.count({ where: { feedItems: { some: { feedId } } } })).toBe(2);
  });

  it("is claimed by one poller at a time, then not again until its interval has passed", async () => {
    await db.feed.update({ where: { id: feedId }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
    const claims = await Promise.all([claimDueFeed(), claimDueFeed(), claimDueFeed()]);
    expect(claims.filter((c) => c === feedId)).toHaveLength(1);
    const feed = await db.feed.findUniqueOrThrow({ where: { id: feedId } });
    expect(feed.nextCheckAt.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it("shows each item and the post it became on the Feeds page", async () => {
    const [view] = await listFeeds(owner);
    expect(view).toMatchObject({ title: "Acme news", lastStatus: "ok", mode: "now", intervalMinutes: 15 });
    expect(view!.items.filter((i) => i.state === "posted").map((i) => [i.title, !!i.postId])).toEqual(
      expect.arrayContaining([
        ["Raced", true],
        ["Brand new", true],
      ]),
    );
  });

  it("records errors with their time, and pauses the feed after repeated failures with one notice", async () => {
    server.failWith = 503;
    try {
      for (let i = 1; i < PAUSE_AFTER_FAILURES; i++) expect(await checkFeed(feedId)).toMatchObject({ status: "error", paused: false });
      const failing = await db.feed.findUniqueOrThrow({ where: { id: feedId } });
      expect(failing).toMatchObject({ lastStatus: "error", paused: false, consecutiveFailures: PAUSE_AFTER_FAILURES - 1 });
      expect(failing.lastError).toMatch(/answered HTTP 503/);
      expect(failing.lastErrorAt).toBeInstanceOf(Date);
      expect(await checkFeed(feedId)).toMatchObject({ status: "error", paused: true });
      const paused = await db.feed.findUniqueOrThrow({ where: { id: feedId } });
      expect(paused.pausedReason).toMatch(/paused after 5 failed checks.*HTTP 503/);
      await checkFeed(feedId);
      expect(await db.notification.count({ where: { organizationId: owner.organizationId, kind: "feed.paused" } })).toBe(1);
      // A paused feed is not polled.
      await db.feed.update({ where: { id: feedId }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
      expect(await claimDueFeed()).not.toBe(feedId);
    } finally {
      server.failWith = undefined;
    }
    await setFeedPaused(owner, feedId, false);
    expect(await checkFeed(feedId)).toMatchObject({ status: expect.stringMatching(/ok|not-modified/) });
    expect(await db.feed.findUniqueOrThrow({ where: { id: feedId } })).toMatchObject({ paused: false, consecutiveFailures: 0 });
  });

  it("is not reachable from another organization", async () => {
    const other = await makeOwner("feeds-other");
    await expect(updateFeed(other, feedId, { template: "{link}", channels: [{ channelId: masto }], mode: "now" })).rejects.toThrow(
      /not found/i,
    );
    await expect(deleteFeed(other, feedId)).rejects.toThrow(/not found/i);
    expect(await listFeeds(other)).toEqual([]);
  });
});

describe("Atom feed", () => {
  it("posts only the newest item when asked to, as a draft for review", async () => {
    const atomServer = await startFeedServer("Atom news", [
      { id: "n3", title: "Newest", date: "2026-12-01T12:00:00Z" },
      { id: "n2", title: "Middle", date: "2026-12-01T11:00:00Z" },
      { id: "n1", title: "Oldest", date: "2026-12-01T10:00:00Z" },
    ]);
    try {
      const added = await addFeed(owner, {
        url: `${atomServer.url}/atom.xml`,
        template: "{title} ({author}) {link}",
        channels: [{ channelId: masto }],
        mode: "draft",
        postLatest: true,
      });
      expect(added).toMatchObject({ newItems: 3, posted: 1, failed: 0 });
      const rows = await items(added.id);
      expect(rows.filter((r) => r.state === "posted").map((r) => r.title)).toEqual(["Newest"]);
      const posted = rows.find((r) => r.state === "posted")!;
      expect(await texts(posted.postId!)).toEqual([
        { channel: "Acme on Mastodon", status: "draft", text: `Newest (Atom author) ${atomServer.url}/posts/n3` },
      ]);
      atomServer.items.unshift({ id: "n4", title: "Later" });
      expect(await checkFeed(added.id)).toMatchObject({ status: "ok", posted: 1 });
    } finally {
      await atomServer.stop();
    }
  });
});

describe("posting rules", () => {
  it("shortens a long item at a word boundary for X, and leaves out a channel it cannot fit with the reason", async () => {
    const s = await startFeedServer("Long news", []);
    try {
      const feed = await addFeed(owner, {
        url: `${s.url}/rss.xml`,
        template: "{title}\n{summary}\n{link}",
        channels: [{ channelId: x }, { channelId: masto, template: `${"too long ".repeat(60)}{link}` }],
        mode: "now",
      });
      s.items.push({ id: "long", title: "A long one", summary: "word ".repeat(400).trim() });
      expect(await checkFeed(feed.id)).toMatchObject({ status: "ok", posted: 1 });
      const [row] = await items(feed.id);
      expect(row!.error).toMatch(/Acme on Mastodon: the template with the link alone is \d+ characters; the channel takes at most 500/);
      const [target] = await texts(row!.postId!);
      expect(target!.channel).toBe("Acme on X");
      expect(target!.text).toMatch(/^A long one\nword( word)*…\nhttp:\/\/127\.0\.0\.1:\d+\/posts\/long$/);
      expect(target!.text.length).toBeLessThanOrEqual(280);
    } finally {
      await s.stop();
    }
  });

  it("queues an item into each channel's next free slot, and names a channel without slots", async () => {
    const s = await startFeedServer("Queued news", []);
    try {
      // X posts at 09:00 and 17:00 UTC every day; Mastodon has no schedule.
      await saveSchedules(owner, {
        channelIds: [x],
        timeZone: "UTC",
        slots: [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) => [
          { weekday, time: "09:00" },
          { weekday, time: "17:00" },
        ]),
      });
      const feed = await addFeed(owner, {
        url: `${s.url}/rss.xml`,
        template: "{title} {link}",
        channels: [{ channelId: x }, { channelId: masto }],
        mode: "queue",
      });
      s.items.push({ id: "q1", title: "First queued" }, { id: "q2", title: "Second queued" });
      expect(await checkFeed(feed.id)).toMatchObject({ status: "ok", posted: 2 });
      const rows = await items(feed.id);
      expect(rows.map((r) => r.error)).toEqual([
        expect.stringMatching(/Acme on Mastodon: it has no posting slots/),
        expect.stringMatching(/Acme on Mastodon: it has no posting slots/),
      ]);
      const targets = await db.postTarget.findMany({ where: { postId: { in: rows.map((r) => r.postId!) } }, orderBy: { dueAt: "asc" } });
      expect(targets.map((t) => [t.integrationId, t.status, t.queued])).toEqual([
        [x, "scheduled", true],
        [x, "scheduled", true],
      ]);
      // Two different slots, each on the hour the schedule names.
      const due = targets.map((t) => t.dueAt!);
      expect(due[0]!.getTime()).toBeLessThan(due[1]!.getTime());
      for (const d of due) expect([9, 17]).toContain(d.getUTCHours());
      expect(due.every((d) => d.getUTCMinutes() === 0)).toBe(true);
    } finally {
      await s.stop();
    }
  });

  it("fails an item with the reason when no channel can take it", async () => {
    const s = await startFeedServer("Hopeless", []);
    try {
      const feed = await addFeed(owner, {
        url: `${s.url}/rss.xml`,
        template: `${"x".repeat(600)} {link}`,
        channels: [{ channelId: masto }],
        mode: "now",
      });
      s.items.push({ id: "h1", title: "Nope", noGuid: true });
      expect(await checkFeed(feed.id)).toMatchObject({ status: "ok", posted: 0, failed: 1 });
      const [row] = await items(feed.id);
      expect(row).toMatchObject({ state: "failed", postId: null, itemKey: `link:${s.url}/posts/h1` });
      expect(row!.error).toMatch(/Acme on Mastodon: the template with the link alone/);
    } finally {
      await s.stop();
    }
  });
});

describe("refusals", () => {
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).fields;
  };

  it("refuses an address that is not a feed, or that fails, naming the url field", async () => {
    const base = { template: "{title} {link}", channels: [{ channelId: masto }], mode: "now" };
    expect((await refusal(addFeed(owner, { ...base, url: `${server.url}/page` }))).url).toMatch(/did not answer with an RSS or Atom feed/);
    expect((await refusal(addFeed(owner, { ...base, url: `${server.url}/broken` }))).url).toMatch(/answered HTTP 500/);
    expect((await refusal(addFeed(owner, { ...base, url: `${server.url}/huge` }))).url).toMatch(/larger than 5242880 bytes/);
    expect((await refusal(addFeed(owner, { ...base, url: `${server.url}/rss.xml` }))).url).toMatch(/already follows/);
    const fields = await refusal(addFeed(owner, { ...base, url: `${server.url}/atom.xml`, template: "{titel}", intervalMinutes: 1 }));
    expect(fields).toMatchObject({
      template: expect.stringMatching(/unknown placeholder \{titel\}/),
      intervalMinutes: expect.stringMatching(/every 5 minutes/),
    });
    expect(await db.feed.count({ where: { organizationId: owner.organizationId, url: `${server.url}/atom.xml` } })).toBe(0);
  });

  it("refuses a private address unless ALLOW_PRIVATE_NETWORK=1, when added and when checked", async () => {
    const feed = await db.feed.findFirstOrThrow({ where: { organizationId: owner.organizationId, url: `${server.url}/rss.xml` } });
    delete process.env.ALLOW_PRIVATE_NETWORK;
    server.hits.length = 0;
    const fields = await refusal(previewFeed({ url: `${server.url}/rss.xml` }));
    expect(fields.url).toMatch(/private network address/);
    expect(await checkFeed(feed.id)).toMatchObject({ status: "error", error: expect.stringMatching(/private network address/) });
    expect(server.hits).toEqual([]);
  });
});
