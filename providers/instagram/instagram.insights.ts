import { readPart, snapshot, utcDay } from "../core/analytics";
import { ProviderError } from "../core/errors";
import type { AccountMetrics, MetricGap, MetricPoint } from "../social.integrations.interface";
import { graphGet, type Graph, type GraphCall } from "./instagram.graph";

// Instagram insights (../shared/platforms/instagram.md §5), the same on both hosts. Account:
// GET /{ig-user-id}/insights with metrics that survived the 2025 deprecations (impressions, plays
// and video_views are gone): reach and follower_count per day (period=day, since/until at most
// 30 days apart, so a longer range is read in slices; follower_count is only kept for 30 days and
// not given for accounts under 100 followers), plus followers_count and media_count from the
// account node. Media: GET /{media-id}/insights (views, reach, saved, likes, comments, shares,
// total_interactions); a metric the media type does not have, or a post with too few viewers,
// falls back to like_count and comments_count. A missing metric is a gap, never a zero.

const DAY_MS = 86_400_000;
const SLICE_DAYS = 30;

type Series = { data?: { name?: string; values?: { value?: unknown; end_time?: string }[] }[] };
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Per-day metrics: Instagram's name → ours. */
const DAILY: Record<string, string> = { reach: "reach", follower_count: "follower_gains" };

export async function instagramAccountInsights(
  g: Graph,
  igUserId: string,
  range: { from: Date; to: Date },
  call: GraphCall,
): Promise<AccountMetrics> {
  const gaps: MetricGap[] = [];
  const points: MetricPoint[] = [];
  const node = await readPart(gaps, "account counts", ["followers", "posts_total"], () =>
    graphGet<{ followers_count?: unknown; media_count?: unknown }>(
      g,
      `/${encodeURIComponent(igUserId)}`,
      { fields: "followers_count,media_count" },
      call,
      "read the account's counts",
    ),
  );
  if (node) points.push(...snapshot({ followers: num(node.followers_count), posts_total: num(node.media_count) }));

  const now = Date.now();
  const to = Math.min(range.to.getTime(), now);
  // follower_count is kept for the last 30 days only; reach for two years.
  const from = Math.max(range.from.getTime(), now - 2 * 365 * DAY_MS);
  for (const [metric, ours] of Object.entries(DAILY)) {
    const start = metric === "follower_count" ? Math.max(from, now - SLICE_DAYS * DAY_MS) : from;
    for (let since = start; since < to; since += SLICE_DAYS * DAY_MS) {
      const until = Math.min(to, since + SLICE_DAYS * DAY_MS);
      const answer = await readPart(gaps, `${metric} per day`, [ours], () =>
        graphGet<Series>(
          g,
          `/${encodeURIComponent(igUserId)}/insights`,
          { metric, period: "day", since: Math.floor(since / 1000), until: Math.floor(until / 1000) },
          call,
          `read the account's ${metric}`,
        ),
      );
      if (!answer) break;
      const series = answer.data?.find((d) => d.name === metric);
      if (!series) {
        gaps.push({ what: metric, metrics: [ours], reason: `Instagram did not report ${metric}`, kind: "unknown" });
        break;
      }
      for (const v of series.values ?? []) {
        const value = num(v.value);
        // end_time is the end of the day reported: the day is the one before it.
        if (value !== undefined && v.end_time) points.push({ metric: ours, day: utcDay(Date.parse(v.end_time) - 1000), value });
      }
    }
  }
  return { points, gaps };
}

const MEDIA_METRICS: Record<string, string> = {
  views: "views",
  reach: "reach",
  saved: "bookmarks",
  likes: "likes",
  comments: "comments",
  shares: "shares",
  total_interactions: "engagements",
};

export async function instagramMediaInsights(g: Graph, mediaId: string, call: GraphCall): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  try {
    const answer = await graphGet<Series>(
      g,
      `/${encodeURIComponent(mediaId)}/insights`,
      { metric: Object.keys(MEDIA_METRICS).join(",") },
      call,
      "read the post's insights",
    );
    for (const d of answer.data ?? []) {
      const name = d.name && MEDIA_METRICS[d.name];
      const value = num(d.values?.[0]?.value);
      if (name && value !== undefined) out[name] = value;
    }
    if (Object.keys(out).length) return out;
  } catch (e) {
    // A metric this media type lacks, too few viewers, or a passing failure: the counts still tell something.
    if (!(e instanceof ProviderError) || e.kind === "refresh-token" || e.kind === "disconnect") throw e;
  }
  const m = await graphGet<{ like_count?: unknown; comments_count?: unknown }>(
    g,
    `/${encodeURIComponent(mediaId)}`,
    { fields: "like_count,comments_count" },
    call,
    "read the post's counts",
  );
  const likes = num(m.like_count);
  const comments = num(m.comments_count);
  if (likes !== undefined) out.likes = likes;
  if (comments !== undefined) out.comments = comments;
  return out;
}
