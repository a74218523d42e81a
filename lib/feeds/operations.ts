import "server-only";
import { AppError, notFound, ValidationError } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/orgs/context";
import { parseOrThrow } from "@/lib/validation";
import { checkFeed, feedRow, type CheckResult } from "./check";
import { FeedFetchError, fetchFeed } from "./fetch";
import { recordItems, type ItemsResult } from "./items";
import { FeedParseError, parseFeed, type ParsedFeed } from "./parse";
import { feedSettingsSchema, feedUrlSchema, newFeedSchema, type FeedChannel } from "./schemas";

// What the Feeds page does to an organization's feeds. Every query goes through ctx.db, so a
// feed of another organization is "not found".

export type FeedPreview = { url: string; title: string; items: { title: string; link: string; publishedAt: string | null }[] };

/** Fetches and parses a feed once, for the form: a feed that cannot be read is refused on the url field. */
async function readOnce(url: string): Promise<{ feed: ParsedFeed; etag: string | null; lastModified: string | null; url: string }> {
  try {
    const fetched = await fetchFeed(url);
    if (fetched.status !== "ok") throw new FeedFetchError("the server answered 304 Not Modified to a plain GET");
    return { feed: parseFeed(fetched.body, fetched.url), etag: fetched.etag, lastModified: fetched.lastModified, url: fetched.url };
  } catch (e) {
    if (e instanceof FeedFetchError || e instanceof FeedParseError) throw new ValidationError({ url: e.message });
    throw e;
  }
}

export async function previewFeed(raw: unknown): Promise<FeedPreview> {
  const { url } = parseOrThrow(feedUrlSchema, raw);
  const { feed } = await readOnce(url);
  return {
    url,
    title: feed.title,
    items: feed.items.slice(0, 5).map((i) => ({ title: i.title, link: i.link, publishedAt: i.publishedAt?.toISOString() ?? null })),
  };
}

async function checkChannels(ctx: OrgContext, channels: FeedChannel[]): Promise<void> {
  const found = new Set(
    (await ctx.db.integration.findMany({ where: { id: { in: channels.map((c) => c.channelId) } }, select: { id: true } })).map((r) => r.id),
  );
  const errors: Record<string, string> = {};
  channels.forEach((c, i) => {
    if (!found.has(c.channelId)) errors[`channels.${i}.channelId`] = "this channel does not exist in your organization";
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/**
 * Adds a feed after reading it once. Every item already in it is recorded as seen, so only items
 * published from now on become posts, unless postLatest asks for the newest one to be posted now.
 */
export async function addFeed(ctx: OrgContext, raw: unknown, now = new Date()): Promise<{ id: string } & ItemsResult> {
  const input = parseOrThrow(newFeedSchema, raw);
  await checkChannels(ctx, input.channels);
  const alreadyFollowed = () => new ValidationError({ url: "this organization already follows this feed" });
  if (await ctx.db.feed.findFirst({ where: { url: input.url }, select: { id: true } })) throw alreadyFollowed();
  const read = await readOnce(input.url);
  const feed = await ctx.db.feed
    .create({
      data: {
        organizationId: ctx.organizationId,
        createdById: ctx.userId,
        url: input.url,
        title: read.feed.title.slice(0, 500),
        template: input.template,
        channels: input.channels as Prisma.InputJsonValue,
        mode: input.mode,
        intervalMinutes: input.intervalMinutes,
        etag: read.etag,
        lastModified: read.lastModified,
        lastCheckedAt: now,
        lastStatus: "ok",
        nextCheckAt: new Date(now.getTime() + input.intervalMinutes * 60_000),
      },
    })
    // The same address added twice at once: the second insert meets UNIQUE (organization_id, url).
    .catch((e: unknown) => {
      throw e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002" ? alreadyFollowed() : e;
    });
  const result = await recordItems(feedRow(feed), read.feed.items, input.postLatest ? "latest" : "none", now);
  return { id: feed.id, ...result };
}

async function loadFeed(ctx: OrgContext, id: string) {
  const feed = await ctx.db.feed.findUnique({ where: { id } });
  if (!feed) throw notFound("Feed");
  return feed;
}

export async function updateFeed(ctx: OrgContext, id: string, raw: unknown): Promise<{ id: string }> {
  const input = parseOrThrow(feedSettingsSchema, raw);
  const feed = await loadFeed(ctx, id);
  await checkChannels(ctx, input.channels);
  await ctx.db.feed.update({
    where: { id: feed.id },
    data: {
      template: input.template,
      channels: input.channels as Prisma.InputJsonValue,
      mode: input.mode,
      intervalMinutes: input.intervalMinutes,
      // A shorter interval takes effect now rather than after the old, longer one.
      nextCheckAt: new Date(Math.min(feed.nextCheckAt.getTime(), Date.now() + input.intervalMinutes * 60_000)),
    },
  });
  return { id: feed.id };
}

export async function setFeedPaused(ctx: OrgContext, id: string, paused: boolean): Promise<{ id: string }> {
  const feed = await loadFeed(ctx, id);
  await ctx.db.feed.update({
    where: { id: feed.id },
    data: paused
      ? { paused: true, pausedReason: "paused by hand" }
      : { paused: false, pausedReason: null, consecutiveFailures: 0, nextCheckAt: new Date() },
  });
  return { id: feed.id };
}

export async function deleteFeed(ctx: OrgContext, id: string): Promise<void> {
  const feed = await loadFeed(ctx, id);
  // The posts it made stay: they are the organization's posts now, with their own history.
  await ctx.db.feed.delete({ where: { id: feed.id } });
}

/** "Check now": the same check the schedule runs, and the next scheduled one an interval later. */
export async function checkFeedNow(ctx: OrgContext, id: string): Promise<CheckResult> {
  const feed = await loadFeed(ctx, id);
  const now = new Date();
  await db.feed.update({ where: { id: feed.id }, data: { nextCheckAt: new Date(now.getTime() + feed.intervalMinutes * 60_000) } });
  const result = await checkFeed(feed.id, now);
  if (result.status === "missing") throw new AppError("This feed was deleted meanwhile", 404);
  return result;
}
