import "server-only";
import { db } from "@/lib/db/client";
import { FeedFetchError, fetchFeed } from "./fetch";
import { recordItems, type FeedRow } from "./items";
import { FeedParseError, parseFeed } from "./parse";
import type { FeedChannel } from "./schemas";
import type { FeedMode } from "./timing";

// One check of one feed: a conditional GET, the new items posted, and the outcome on the feed's
// row (shown on the Feeds page). After PAUSE_AFTER_FAILURES failures in a row the feed is paused
// and its organization notified once, so a dead feed is not fetched forever unnoticed.

export const PAUSE_AFTER_FAILURES = 5;

export type CheckResult =
  | { status: "ok"; newItems: number; posted: number; failed: number }
  | { status: "not-modified" }
  | { status: "error"; error: string; paused: boolean }
  | { status: "missing" };

type Feed = NonNullable<Awaited<ReturnType<typeof db.feed.findUnique>>>;

export const feedRow = (f: Feed): FeedRow => ({
  id: f.id,
  organizationId: f.organizationId,
  createdById: f.createdById,
  title: f.title,
  template: f.template,
  channels: f.channels as FeedChannel[],
  mode: f.mode as FeedMode,
});

async function recordFailure(feed: Feed, message: string, now: Date): Promise<CheckResult> {
  const paused = await db.$transaction(async (tx) => {
    await tx.feed.update({
      where: { id: feed.id },
      data: { lastCheckedAt: now, lastStatus: "error", lastError: message, lastErrorAt: now, consecutiveFailures: { increment: 1 } },
    });
    const reason = `paused after ${PAUSE_AFTER_FAILURES} failed checks in a row; the last one: ${message}`;
    const res = await tx.feed.updateMany({
      where: { id: feed.id, paused: false, consecutiveFailures: { gte: PAUSE_AFTER_FAILURES } },
      data: { paused: true, pausedReason: reason },
    });
    if (!res.count) return false;
    await tx.notification.create({
      data: {
        organizationId: feed.organizationId,
        kind: "feed.paused",
        title: `Feed paused: ${feed.title || feed.url}`,
        body: `${feed.url} was ${reason}. Fix the feed, then resume it on the Feeds page.`,
        link: "/feeds",
      },
    });
    return true;
  });
  return { status: "error", error: message, paused };
}

export async function checkFeed(feedId: string, now = new Date()): Promise<CheckResult> {
  const feed = await db.feed.findUnique({ where: { id: feedId } });
  if (!feed) return { status: "missing" };
  let fetched;
  let parsed;
  try {
    fetched = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
    if (fetched.status === "ok") parsed = parseFeed(fetched.body, fetched.url);
  } catch (e) {
    if (e instanceof FeedFetchError || e instanceof FeedParseError) return recordFailure(feed, e.message, now);
    throw e;
  }
  if (fetched.status === "not-modified" || !parsed) {
    await db.feed.update({ where: { id: feed.id }, data: { lastCheckedAt: now, lastStatus: "not_modified", consecutiveFailures: 0 } });
    return { status: "not-modified" };
  }
  const result = await recordItems(feedRow({ ...feed, title: parsed.title || feed.title }), parsed.items, "new", now);
  await db.feed.update({
    where: { id: feed.id },
    data: {
      lastCheckedAt: now,
      lastStatus: "ok",
      consecutiveFailures: 0,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      ...(parsed.title ? { title: parsed.title.slice(0, 500) } : {}),
    },
  });
  return { status: "ok", ...result };
}
