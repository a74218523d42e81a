import { z } from "zod";
import { dailyPoints, readPart, snapshotDay, tally, utcDay, utcDays } from "../core/analytics";
import type { LinkedInApi, LinkedInCall } from "../linkedin/linkedin.api";
import type { AccountMetrics, MetricGap, MetricPoint } from "../social.integrations.interface";

// A LinkedIn page's daily statistics (fact sheet §5): share statistics (impressions, clicks,
// likes, comments, shares; engagements = their sum, the numerator of LinkedIn's engagement rate),
// follower gains and page views per DAY, and the follower total from networkSizes. The follower
// count of past days is derived from the total and the daily gains after that day, so a page gets
// a follower history from its first collection; days LinkedIn reports no gains for stay empty.
// The four statistics are read independently: one refused leaves a gap, the others are stored.

const DAY_MS = 86_400_000;
const timeRange = z.object({ start: z.number(), end: z.number() });
const shares = z.object({
  elements: z.array(
    z.object({
      timeRange,
      totalShareStatistics: z.object({
        impressionCount: z.number().optional(),
        uniqueImpressionsCount: z.number().optional(),
        clickCount: z.number().optional(),
        likeCount: z.number().optional(),
        commentCount: z.number().optional(),
        shareCount: z.number().optional(),
      }),
    }),
  ),
});
const followers = z.object({
  elements: z.array(
    z.object({
      timeRange,
      followerGains: z.object({ organicFollowerGain: z.number().optional(), paidFollowerGain: z.number().optional() }),
    }),
  ),
});
const views = z.object({
  elements: z.array(
    z.object({
      timeRange,
      totalPageStatistics: z.object({ views: z.object({ allPageViews: z.object({ pageViews: z.number().optional() }).optional() }) }),
    }),
  ),
});
const size = z.object({ firstDegreeSize: z.number() });

const SHARE_METRICS = ["impressions", "unique_impressions", "clicks", "likes", "comments", "reposts", "engagements"];

export async function pageAnalytics(
  api: LinkedInApi,
  call: LinkedInCall,
  orgId: string,
  range: { from: Date; to: Date },
  now = new Date(),
): Promise<AccountMetrics> {
  const gaps: MetricGap[] = [];
  const read = (what: string, metrics: string[], path: string, action: string) =>
    readPart(gaps, what, metrics, () => api.get(call, path, action));
  const days = utcDays(range);
  const start = Date.parse(`${days[0]}T00:00:00Z`);
  const end = Math.min(now.getTime(), Date.parse(`${days[days.length - 1]}T00:00:00Z`) + DAY_MS);
  const org = encodeURIComponent(`urn:li:organization:${orgId}`);
  const intervals = `(timeRange:(start:${start},end:${end}),timeGranularityType:DAY)`;
  const [s, f, v, n] = await Promise.all([
    read(
      "share statistics",
      SHARE_METRICS,
      `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${org}&timeIntervals=${intervals}`,
      "read the page's share statistics",
    ),
    read(
      "follower gains",
      ["follower_gains"],
      `/rest/organizationalEntityFollowerStatistics?q=organizationalEntity&organizationalEntity=${org}&timeIntervals=${intervals}`,
      "read the page's follower gains",
    ),
    read(
      "page views",
      ["page_views"],
      `/rest/organizationPageStatistics?q=organization&organization=${org}&timeIntervals=${intervals}`,
      "read the page's views",
    ),
    read(
      "follower count",
      ["followers"],
      `/rest/networkSizes/${org}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`,
      "read the page's follower count",
    ),
  ]);
  const perDay = new Map<string, Record<string, number>>();
  for (const e of s === undefined ? [] : shares.parse(s).elements) {
    const t = e.totalShareStatistics;
    const counts = { clicks: t.clickCount ?? 0, likes: t.likeCount ?? 0, comments: t.commentCount ?? 0, reposts: t.shareCount ?? 0 };
    tally(perDay, utcDay(e.timeRange.start), {
      impressions: t.impressionCount ?? 0,
      unique_impressions: t.uniqueImpressionsCount ?? 0,
      ...counts,
      engagements: counts.clicks + counts.likes + counts.comments + counts.reposts,
    });
  }
  const gains = new Map<string, number>();
  for (const e of f === undefined ? [] : followers.parse(f).elements)
    gains.set(utcDay(e.timeRange.start), (e.followerGains.organicFollowerGain ?? 0) + (e.followerGains.paidFollowerGain ?? 0));
  const pageViews = new Map<string, number>();
  for (const e of v === undefined ? [] : views.parse(v).elements)
    pageViews.set(utcDay(e.timeRange.start), e.totalPageStatistics.views.allPageViews?.pageViews ?? 0);

  const today = utcDay(now);
  const points: MetricPoint[] =
    s === undefined
      ? []
      : dailyPoints(
          days.filter((d) => d <= today),
          SHARE_METRICS,
          perDay,
        );
  for (const [day, value] of gains) points.push({ metric: "follower_gains", day, value });
  for (const [day, value] of pageViews) points.push({ metric: "page_views", day, value });
  if (n === undefined) return { points, gaps };
  const total = size.parse(n).firstDegreeSize;
  // Followers at the end of each day: the total now less the gains of the days after it. Today
  // itself is not over; its reading is filed like any current total (see snapshotDay).
  const latest = snapshotDay(now);
  if (latest === today) points.push({ metric: "followers", day: today, value: total });
  let count = total;
  for (let t = Date.parse(`${today}T00:00:00Z`); t > start; t -= DAY_MS) {
    const gain = gains.get(utcDay(t));
    if (gain === undefined) break;
    count -= gain;
    const day = utcDay(t - DAY_MS);
    if (day <= latest) points.push({ metric: "followers", day, value: count });
  }
  return { points, gaps };
}
