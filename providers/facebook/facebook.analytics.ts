import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { AccountMetrics, MetricGap, MetricPoint, PublishContext } from "../social.integrations.interface";
import { graphUrl } from "./facebook.api";
import { isInvalidMetric } from "./facebook.errors";

// Page and post insights (../shared/platforms/facebook.md §5; Page Insights reference and
// "Deprecated Metrics"): impressions and page_fans were retired for all versions (June and
// November 2025), answering "(#100) … valid insights metric"; their replacements are the
// media-view metrics and page_follows. Each metric is read on its own, so one Meta retires next
// becomes a gap and the others are still stored.

/** Page metrics → this app's metric keys (lib/analytics/metrics.ts). */
const PAGE_METRICS: Record<string, string> = {
  page_media_view: "views",
  page_total_media_view_unique: "reach",
  page_post_engagements: "engagements",
  page_daily_follows: "follower_gains",
  page_follows: "followers",
};

/** Post metrics (lifetime) → keys. post_reactions_by_type_total is {like: n, love: n…}: summed as likes. */
const POST_METRICS: Record<string, string> = {
  post_media_view: "views",
  post_total_media_view_unique: "reach",
  post_reactions_by_type_total: "likes",
  post_clicks: "clicks",
};

const DAY_MS = 86_400_000;
/** Page Insights takes at most 93 days between since and until: 90 per call keeps a margin. */
const MAX_DAYS = 90;

const insightsAnswer = z.object({
  data: z
    .array(z.object({ name: z.string(), values: z.array(z.object({ value: z.unknown(), end_time: z.string().optional() })).default([]) }))
    .default([]),
});

/** A value is a number, or a breakdown object ({paid, organic} or reactions by type) summed. */
function figure(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (v && typeof v === "object")
    return Object.values(v as Record<string, unknown>).reduce<number>((s, x) => s + (typeof x === "number" ? x : 0), 0);
  return undefined;
}

type Call = { api: SocialAbstract; token: string; ctx?: PublishContext };

/** One metric's answer, or a gap; an account problem (token, permissions revoked) is thrown. */
async function readMetric(c: Call, object: string, metric: string, query: Record<string, string>, gaps: MetricGap[], what: string) {
  const q = new URLSearchParams({ metric, ...query });
  try {
    const raw = await c.api.fetchJson(
      `${graphUrl(`/${encodeURIComponent(object)}/insights`)}?${q}`,
      {},
      {
        action: `read ${metric}`,
        token: c.token,
        ctx: c.ctx,
      },
    );
    const parsed = insightsAnswer.safeParse(raw);
    if (!parsed.success) {
      gaps.push({ what, metrics: [metric], reason: "Facebook sent insights this server cannot read", kind: "unknown" });
      return undefined;
    }
    return parsed.data.data.find((d) => d.name === metric);
  } catch (e) {
    if (!(e instanceof ProviderError) || e.kind === "refresh-token" || e.kind === "disconnect") throw e;
    const retired = isInvalidMetric(String(e.details.body ?? ""));
    gaps.push({
      what,
      metrics: [metric],
      reason: retired ? `Facebook no longer offers ${metric}` : e.message,
      kind: "unavailable",
      ...(e.kind === "retry" && e.details.retryAfterMs ? { retryAfterMs: e.details.retryAfterMs } : {}),
    });
    return undefined;
  }
}

export async function pageInsights(c: Call, pageId: string, range: { from: Date; to: Date }): Promise<AccountMetrics> {
  const to = Math.min(range.to.getTime(), Date.now());
  const from = Math.max(range.from.getTime(), to - MAX_DAYS * DAY_MS);
  const query = { period: "day", since: String(Math.floor(from / 1000)), until: String(Math.floor(to / 1000)) };
  const points: MetricPoint[] = [];
  const gaps: MetricGap[] = [];
  for (const [metric, key] of Object.entries(PAGE_METRICS)) {
    const series = await readMetric(c, pageId, metric, query, gaps, "page insights");
    if (!series) continue;
    for (const v of series.values) {
      const value = figure(v.value);
      // end_time is the end of the day the value covers (07:00 UTC, Pacific midnight): the day before it.
      const end = v.end_time ? Date.parse(v.end_time) : NaN;
      if (value === undefined || !Number.isFinite(end)) continue;
      points.push({ metric: key, day: new Date(end - DAY_MS).toISOString().slice(0, 10), value });
    }
  }
  return { points, gaps };
}

export async function postInsights(c: Call, postId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const gaps: MetricGap[] = [];
  for (const [metric, key] of Object.entries(POST_METRICS)) {
    const series = await readMetric(c, postId, metric, { period: "lifetime" }, gaps, "post insights");
    const value = figure(series?.values[0]?.value);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
