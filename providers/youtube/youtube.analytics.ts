import { z } from "zod";
import { readPart, snapshot, unknownCount, utcDay } from "../core/analytics";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { AccountMetrics, MetricGap, MetricPoint, PublishContext } from "../social.integrations.interface";
import { analyticsUrl, dataUrl } from "./youtube.api";
import { myChannels } from "./youtube.channels";

// YouTube's figures (../shared/platforms/youtube.md §5). Channel: the Analytics API v2
// GET /v2/reports?ids=channel==MINE&metrics=…&dimensions=day answers a result table,
// {columnHeaders:[{name,columnType,dataType}], rows:[[day, n, …]]}; a metric YouTube leaves out of
// the table is reported as unknown, not zero. Subscribers: channels.list statistics.subscriberCount
// (absent when the channel hides it). A video: videos.list part=statistics (counts as strings).

/** Analytics API metric → the app's metric name. */
const DAILY: Record<string, string> = {
  views: "views",
  estimatedMinutesWatched: "minutes_watched",
  likes: "likes",
  comments: "comments",
  shares: "shares",
  subscribersGained: "follower_gains",
  subscribersLost: "follower_losses",
};

const table = z.object({
  columnHeaders: z.array(z.object({ name: z.string(), columnType: z.string().optional() })).default([]),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))).nullish(),
});

export async function channelAnalytics(
  api: SocialAbstract,
  token: string,
  range: { from: Date; to: Date },
  ctx?: PublishContext,
): Promise<AccountMetrics> {
  const gaps: MetricGap[] = [];
  const points: MetricPoint[] = [];
  const names = Object.values(DAILY);
  const report = await readPart(gaps, "daily channel report", names, async () => {
    const parsed = table.safeParse(
      await api.fetchJson(
        analyticsUrl({
          ids: "channel==MINE",
          startDate: utcDay(range.from),
          endDate: utcDay(range.to),
          metrics: Object.keys(DAILY).join(","),
          dimensions: "day",
          sort: "day",
        }),
        {},
        { action: "read the channel's YouTube Analytics report", token, ctx },
      ),
    );
    if (!parsed.success) throw new ProviderError("retry", "YouTube Analytics sent a report this server cannot read");
    return parsed.data;
  });
  if (report) {
    const col = (name: string) => report.columnHeaders.findIndex((h) => h.name === name);
    const dayCol = col("day");
    for (const [metric, name] of Object.entries(DAILY)) {
      const i = col(metric);
      if (i < 0 || dayCol < 0) {
        unknownCount(gaps, name, `YouTube Analytics did not report ${metric}`);
        continue;
      }
      for (const row of report.rows ?? []) {
        const day = row[dayCol];
        const v = Number(row[i]);
        if (typeof day === "string" && Number.isFinite(v)) points.push({ metric: name, day, value: v });
      }
    }
  }
  const channel = await readPart(gaps, "subscriber count", ["followers"], async () => (await myChannels(api, token, ctx, "statistics"))[0]);
  if (channel) {
    const s = channel.statistics;
    if (s?.hiddenSubscriberCount || s?.subscriberCount === undefined)
      unknownCount(gaps, "followers", "The channel hides its subscriber count");
    else points.push(...snapshot({ followers: Number(s.subscriberCount) }));
  }
  return { points, gaps };
}

const stats = z.object({
  items: z.array(z.object({ id: z.string(), statistics: z.record(z.string(), z.union([z.string(), z.number()])).optional() })).default([]),
});

/** videos.list part=statistics: viewCount, likeCount, commentCount (strings), whichever YouTube sends. */
export async function videoCounters(
  api: SocialAbstract,
  token: string,
  videoId: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  const parsed = stats.safeParse(
    await api.fetchJson(dataUrl("/videos", { part: "statistics", id: videoId }), {}, { action: "read the video's statistics", token, ctx }),
  );
  if (!parsed.success) throw new ProviderError("retry", "YouTube sent video statistics this server cannot read");
  await ctx?.quota?.spend("units", 1);
  const v = parsed.data.items[0];
  if (!v) throw new ProviderError("bad-body", `YouTube no longer shows video ${videoId} (deleted or private)`);
  const out: Record<string, number> = {};
  const names: Record<string, string> = { viewCount: "views", likeCount: "likes", commentCount: "comments", favoriteCount: "favorites" };
  for (const [k, name] of Object.entries(names)) {
    const n = Number(v.statistics?.[k]);
    if (v.statistics?.[k] !== undefined && Number.isFinite(n)) out[name] = n;
  }
  return out;
}
