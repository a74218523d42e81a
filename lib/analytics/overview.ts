import "server-only";
import { sql } from "@/lib/db/pool";
import { listChannels } from "@/lib/channels/queries";
import type { OrgContext } from "@/lib/orgs/context";
import { getProvider } from "@/providers/registry";
import type { PlatformBadge } from "@/providers/social.integrations.interface";
import { countFigure, figureOf, totalOf, type Aggregate, type Figure } from "./figures";
import { collectionProblems, missingReasons } from "./gaps";
import { HEADLINE_METRICS, metricInfo, POSTS_PUBLISHED } from "./metrics";
import { dayInZone, periodDays, periodInstants, previousPeriod, type Period } from "./periods";
import { collectionStatuses, type CollectionState } from "./state";

// GET /api/analytics: every channel at once. Followers, impressions and engagements from the
// collected metrics, posts published from our own records, each with the change versus the
// previous equal period; and the organization's daily series for the charts. Two indexed queries
// on metric_samples (organization, metric, day) and one on post_targets; scoped by hand to the
// organization, as this is plain SQL. Each channel says how its last collection went: what it
// could not read and why, so a missing figure is explained rather than a bare "no data".

export type OverviewChannel = {
  id: string;
  name: string;
  provider: string;
  providerName: string;
  picture: string | null;
  status: string;
  username: string | null;
  instanceUrl: string | null;
  badge: PlatformBadge;
  sandbox: boolean;
  analytics: { account: boolean; post: boolean };
  figures: Record<string, Figure>;
  /** The last collection: its state, and each problem in words ("post metrics unavailable: …"). */
  collection: { state: CollectionState | null; retryAt: string | null; problems: string[] };
  /** Why a headline metric has no figure, when the last collection could not read it. */
  missing: Record<string, string>;
};
export type OverviewDay = { day: string; impressions: number | null; engagements: number | null; posts_published: number };
export type Overview = {
  period: Period;
  previous: Period;
  timeZone: string;
  totals: { metric: string; label: string; figure: Figure }[];
  channels: OverviewChannel[];
  series: OverviewDay[];
};

type AggRow = {
  integration_id: string;
  metric: string;
  cur_days: number;
  cur_sum: number | null;
  cur_last: number | null;
  prev_days: number;
  prev_sum: number | null;
  prev_last: number | null;
};

export async function metricAggregates(
  organizationId: string,
  metrics: readonly string[],
  period: Period,
  channelId?: string,
): Promise<Map<string, Aggregate>> {
  const prev = previousPeriod(period);
  const { rows } = await sql<AggRow>(
    `SELECT integration_id, metric,
       count(*) FILTER (WHERE day >= $3::date)::int AS cur_days,
       sum(value) FILTER (WHERE day >= $3::date) AS cur_sum,
       (array_agg(value ORDER BY day DESC) FILTER (WHERE day >= $3::date))[1] AS cur_last,
       count(*) FILTER (WHERE day < $3::date)::int AS prev_days,
       sum(value) FILTER (WHERE day < $3::date) AS prev_sum,
       (array_agg(value ORDER BY day DESC) FILTER (WHERE day < $3::date))[1] AS prev_last
     FROM metric_samples
     WHERE organization_id = $1 AND metric = ANY($2::text[]) AND day BETWEEN $4::date AND $5::date ${channelId ? "AND integration_id = $6" : ""}
     GROUP BY integration_id, metric`,
    [organizationId, metrics, period.from, prev.from, period.to, ...(channelId ? [channelId] : [])],
  );
  return new Map(
    rows.map((r) => [
      `${r.integration_id}|${r.metric}`,
      {
        curDays: r.cur_days,
        curSum: r.cur_sum,
        curLast: r.cur_last,
        prevDays: r.prev_days,
        prevSum: r.prev_sum,
        prevLast: r.prev_last,
      },
    ]),
  );
}

/** Posts published per channel and day (in the zone) over the period and the one before. */
export async function publishedPerDay(
  organizationId: string,
  period: Period,
  timeZone: string,
  channelId?: string,
): Promise<{ channelId: string; day: string }[]> {
  const span = periodInstants({ from: previousPeriod(period).from, to: period.to }, timeZone);
  const { rows } = await sql<{ integration_id: string; published_at: Date }>(
    `SELECT integration_id, published_at FROM post_targets
     WHERE organization_id = $1 AND status = 'published' AND published_at >= $2 AND published_at < $3 ${channelId ? "AND integration_id = $4" : ""}`,
    [organizationId, span.from, span.to, ...(channelId ? [channelId] : [])],
  );
  return rows.map((r) => ({ channelId: r.integration_id, day: dayInZone(r.published_at, timeZone) }));
}

export async function analyticsOverview(ctx: OrgContext, q: { period: Period; timeZone: string }): Promise<Overview> {
  const { period, timeZone } = q;
  const prev = previousPeriod(period);
  const [channels, aggregates, series, published, statuses] = await Promise.all([
    listChannels(ctx),
    metricAggregates(ctx.organizationId, HEADLINE_METRICS, period),
    sql<{ day: string; metric: string; total: number }>(
      `SELECT day::text AS day, metric, sum(value) AS total FROM metric_samples
       WHERE organization_id = $1 AND metric = ANY($2::text[]) AND day BETWEEN $3::date AND $4::date GROUP BY day, metric`,
      [ctx.organizationId, ["impressions", "engagements"], period.from, period.to],
    ),
    publishedPerDay(ctx.organizationId, period, timeZone),
    collectionStatuses(ctx.organizationId),
  ]);

  const inCurrent = (d: string) => d >= period.from && d <= period.to;
  const inPrevious = (d: string) => d >= prev.from && d <= prev.to;
  const shown = channels.filter((c) => c.status !== "pending");
  const rows: OverviewChannel[] = shown.map((c) => {
    const provider = getProvider(c.provider);
    const figures: Record<string, Figure> = {};
    for (const m of HEADLINE_METRICS) figures[m] = figureOf(metricInfo(m).kind, aggregates.get(`${c.id}|${m}`));
    const mine = published.filter((p) => p.channelId === c.id);
    figures[POSTS_PUBLISHED] = countFigure(mine.filter((p) => inCurrent(p.day)).length, mine.filter((p) => inPrevious(p.day)).length);
    const status = statuses.find((s) => s.channelId === c.id);
    const reasons = missingReasons(status, HEADLINE_METRICS);
    return {
      id: c.id,
      name: c.name,
      provider: c.provider,
      providerName: c.providerName,
      picture: c.picture,
      status: c.status,
      username: c.username,
      instanceUrl: c.instanceUrl,
      badge: c.badge,
      sandbox: c.sandbox,
      analytics: provider?.analyticsSupport ?? { account: false, post: false },
      figures,
      collection: { state: status?.state ?? null, retryAt: status?.retryAt ?? null, problems: collectionProblems(status) },
      // Only where the figure is actually missing: a stored reading from before still shows.
      missing: Object.fromEntries(Object.entries(reasons).filter(([m]) => figures[m]!.current === null)),
    };
  });

  const totals = [...HEADLINE_METRICS, POSTS_PUBLISHED].map((metric) => ({
    metric,
    label: metric === POSTS_PUBLISHED ? "Posts published" : metricInfo(metric).label,
    figure:
      metric === POSTS_PUBLISHED
        ? countFigure(published.filter((p) => inCurrent(p.day)).length, published.filter((p) => inPrevious(p.day)).length)
        : totalOf(rows.map((r) => r.figures[metric]!)),
  }));

  const byDay = new Map<string, OverviewDay>(
    periodDays(period).map((day) => [day, { day, impressions: null, engagements: null, posts_published: 0 }]),
  );
  for (const r of series.rows) {
    const d = byDay.get(r.day);
    if (d && (r.metric === "impressions" || r.metric === "engagements")) d[r.metric] = Number(r.total);
  }
  for (const p of published) {
    const d = byDay.get(p.day);
    if (d) d.posts_published++;
  }
  return { period, previous: prev, timeZone, totals, channels: rows, series: [...byDay.values()] };
}
