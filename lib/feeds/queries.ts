import "server-only";
import type { OrgContext } from "@/lib/orgs/context";
import type { FeedChannel } from "./schemas";
import type { FeedMode } from "./timing";

// The Feeds page's data: each feed with its last check and its recent items, and the post each
// became. Dates are ISO strings, ready for a client component.

export const RECENT_ITEMS = 10;

export type FeedView = {
  id: string;
  url: string;
  title: string;
  template: string;
  channels: FeedChannel[];
  mode: FeedMode;
  intervalMinutes: number;
  paused: boolean;
  pausedReason: string | null;
  lastCheckedAt: string | null;
  lastStatus: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  items: {
    id: string;
    title: string;
    link: string | null;
    state: string;
    error: string | null;
    postId: string | null;
    postAt: string | null;
    at: string;
  }[];
};

export async function listFeeds(ctx: OrgContext): Promise<FeedView[]> {
  const feeds = await ctx.db.feed.findMany({ orderBy: { createdAt: "asc" } });
  const items = await Promise.all(
    feeds.map((f) =>
      ctx.db.feedItem.findMany({
        where: { feedId: f.id },
        orderBy: [{ createdAt: "desc" }, { publishedAt: "desc" }],
        take: RECENT_ITEMS,
        include: { post: { select: { id: true, publishAt: true } } },
      }),
    ),
  );
  return feeds.map((f, i) => ({
    id: f.id,
    url: f.url,
    title: f.title,
    template: f.template,
    channels: f.channels as FeedChannel[],
    mode: f.mode as FeedMode,
    intervalMinutes: f.intervalMinutes,
    paused: f.paused,
    pausedReason: f.pausedReason,
    lastCheckedAt: f.lastCheckedAt?.toISOString() ?? null,
    lastStatus: f.lastStatus,
    lastError: f.lastError,
    lastErrorAt: f.lastErrorAt?.toISOString() ?? null,
    consecutiveFailures: f.consecutiveFailures,
    items: items[i]!.map((it) => ({
      id: it.id,
      title: it.title,
      link: it.link,
      state: it.state,
      error: it.error,
      postId: it.post?.id ?? null,
      postAt: it.post?.publishAt?.toISOString() ?? null,
      at: it.createdAt.toISOString(),
    })),
  }));
}
