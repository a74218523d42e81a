import "server-only";
import { sql } from "@/lib/db/pool";
import { getChannel } from "@/lib/channels/queries";
import type { OrgContext } from "@/lib/orgs/context";
import { getProvider } from "@/providers/registry";
import type { PlatformBadge } from "@/providers/social.integrations.interface";
import { figureOf, type Figure } from "./figures";
import { metricInfo, metricOrder, type MetricKind } from "./metrics";
import { metricAggregates } from "./overview";
import { periodDays, periodInstants, previousPeriod, type Period } from "./periods";
import { collectionStatuses, type CollectionStatus } from "./state";

// GET /api/analytics/channels/:id: one channel's daily series of every metric it has (a day
// without a reading is null, never a guessed zero), each with its figure and change, and the posts
// it published in the period with their latest counters, for the top-posts table.

export type SeriesPoint = { day: string; value: number | null };
export type MetricSeries = { metric: string; label: string; kind: MetricKind; figure: Figure; points: SeriesPoint[] };
export type TopPost = {
  targetId: string;
  publishedAt: string;
  preview: string;
  url: string | null;
  collectedOn: string | null;
  figures: Record<string, number>;
};
export type ChannelAnalytics = {
  channel: {
    id: string;
    name: string;
    provider: string;
    providerName: string;
    picture: string | null;
    status: string;
    analytics: { account: boolean; post: boolean };
    username: string | null;
    instanceUrl: string | null;
    badge: PlatformBadge;
    sandbox: boolean;
  };
  period: Period;
  previous: Period;
  timeZone: string;
  metrics: MetricSeries[];
  postMetrics: string[];
  posts: TopPost[];
  collection: CollectionStatus | null;
};

export async function channelAnalytics(
  ctx: OrgContext,
  channelId: string,
  q: { period: Period; timeZone: string },
): Promise<ChannelAnalytics> {
  const channel = await getChannel(ctx, channelId); // 404 for another organization's channel
  const { period, timeZone } = q;
  const [series, posts, statuses] = await Promise.all([
    sql<{ metric: string; day: string; value: number }>(
      `SELECT metric, day::text AS day, value FROM metric_samples
       WHERE organization_id = $1 AND integration_id = $2 AND day BETWEEN $3::date AND $4::date`,
      [ctx.organizationId, channelId, period.from, period.to],
    ),
    topPosts(ctx.organizationId, channelId, period, timeZone),
    collectionStatuses(ctx.organizationId),
  ]);
  const names = [...new Set(series.rows.map((r) => r.metric))].sort(metricOrder);
  const aggregates = await metricAggregates(ctx.organizationId, names, period, channelId);
  const days = periodDays(period);
  const metrics = names.map((metric) => {
    const info = metricInfo(metric);
    const values = new Map(series.rows.filter((r) => r.metric === metric).map((r) => [r.day, r.value]));
    return {
      metric,
      label: info.label,
      kind: info.kind,
      figure: figureOf(info.kind, aggregates.get(`${channelId}|${metric}`)),
      points: days.map((day) => ({ day, value: values.get(day) ?? null })),
    };
  });
  const postMetrics = [...new Set(posts.flatMap((p) => Object.keys(p.figures)))].sort(metricOrder);
  return {
    channel: {
      id: channel.id,
      name: channel.name,
      provider: channel.provider,
      providerName: channel.providerName,
      picture: channel.picture,
      status: channel.status,
      username: channel.username,
      instanceUrl: channel.instanceUrl,
      badge: channel.badge,
      sandbox: channel.sandbox,
      analytics: getProvider(channel.provider)?.analyticsSupport ?? { account: false, post: false },
    },
    period,
    previous: previousPeriod(period),
    timeZone,
    metrics,
    postMetrics,
    posts,
    collection: statuses.find((s) => s.channelId === channelId) ?? null,
  };
}

type PostRow = {
  id: string;
  published_at: Date;
  preview: string | null;
  url: string | null;
  metric: string | null;
  value: number | null;
  day: string | null;
};

async function topPosts(organizationId: string, channelId: string, period: Period, timeZone: string): Promise<TopPost[]> {
  const span = periodInstants(period, timeZone);
  const { rows } = await sql<PostRow>(
    `SELECT t.id, t.published_at, left(t.items -> 0 ->> 'text', 140) AS preview, t.results -> 0 ->> 'url' AS url, m.metric, m.value, m.day::text AS day
     FROM post_targets t
     LEFT JOIN LATERAL (
       SELECT DISTINCT ON (s.metric) s.metric, s.value, s.day FROM post_metric_samples s WHERE s.target_id = t.id ORDER BY s.metric, s.day DESC
     ) m ON true
     WHERE t.organization_id = $1 AND t.integration_id = $2 AND t.status = 'published' AND t.published_at >= $3 AND t.published_at < $4
     ORDER BY t.published_at DESC`,
    [organizationId, channelId, span.from, span.to],
  );
  const out = new Map<string, TopPost>();
  for (const r of rows) {
    let p = out.get(r.id);
    if (!p)
      out.set(
        r.id,
        (p = {
          targetId: r.id,
          publishedAt: r.published_at.toISOString(),
          preview: r.preview ?? "",
          url: r.url,
          collectedOn: null,
          figures: {},
        }),
      );
    if (r.metric !== null && r.value !== null) {
      p.figures[r.metric] = r.value;
      if (r.day && (!p.collectedOn || r.day > p.collectedOn)) p.collectedOn = r.day;
    }
  }
  return [...out.values()];
}
