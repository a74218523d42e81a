import { z } from "zod";
import { readPart, utcDays } from "../core/analytics";
import type { SocialAbstract } from "../social.abstract";
import type { AccountMetrics, MetricGap, MetricPoint, PublishContext } from "../social.integrations.interface";
import { gmbUrl } from "./gmb.api";

// A location's daily figures from the Business Profile Performance API (locations.fetchMultiDailyMetricsTimeSeries,
// ../shared/platforms/gmb.md §5): impressions on Search and Maps, and the actions people took. Two
// calls, so one refused leaves a gap and the other is still stored. Values are int64 strings, left
// out when 0; a metric Google does not send at all is "unknown", not zero.

export const GMB_METRICS = {
  impressions: [
    "BUSINESS_IMPRESSIONS_DESKTOP_MAPS",
    "BUSINESS_IMPRESSIONS_DESKTOP_SEARCH",
    "BUSINESS_IMPRESSIONS_MOBILE_MAPS",
    "BUSINESS_IMPRESSIONS_MOBILE_SEARCH",
  ],
  actions: ["WEBSITE_CLICKS", "CALL_CLICKS", "BUSINESS_DIRECTION_REQUESTS"],
} as const;

const answer = z.object({
  multiDailyMetricTimeSeries: z
    .array(
      z.object({
        dailyMetricTimeSeries: z
          .array(
            z.object({
              dailyMetric: z.string(),
              timeSeries: z
                .object({
                  datedValues: z
                    .array(
                      z.object({ date: z.object({ year: z.number(), month: z.number(), day: z.number() }), value: z.string().optional() }),
                    )
                    .default([]),
                })
                .optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

const pad = (n: number) => String(n).padStart(2, "0");
const metricName = (m: string) => m.toLowerCase();

export async function gmbAnalytics(
  api: SocialAbstract,
  token: string,
  location: string,
  range: { from: Date; to: Date },
  ctx?: PublishContext,
): Promise<AccountMetrics> {
  const days = utcDays(range);
  const [first, last] = [days[0]!, days[days.length - 1]!].map((d) => d.split("-").map(Number));
  const points: MetricPoint[] = [];
  const gaps: MetricGap[] = [];
  for (const [what, metrics] of Object.entries(GMB_METRICS)) {
    const q = new URLSearchParams();
    for (const m of metrics) q.append("dailyMetrics", m);
    q.set("dailyRange.startDate.year", String(first![0]));
    q.set("dailyRange.startDate.month", String(first![1]));
    q.set("dailyRange.startDate.day", String(first![2]));
    q.set("dailyRange.endDate.year", String(last![0]));
    q.set("dailyRange.endDate.month", String(last![1]));
    q.set("dailyRange.endDate.day", String(last![2]));
    const raw = await readPart(gaps, `location ${what}`, metrics.map(metricName), () =>
      api.fetchJson(
        gmbUrl("performance", `/v1/${location}:fetchMultiDailyMetricsTimeSeries?${q}`),
        {},
        {
          action: `read the location's ${what}`,
          token,
          ctx,
        },
      ),
    );
    if (raw === undefined) continue;
    const parsed = answer.safeParse(raw);
    if (!parsed.success) {
      gaps.push({
        what: `location ${what}`,
        metrics: metrics.map(metricName),
        reason: "Google sent figures this server cannot read",
        kind: "unknown",
      });
      continue;
    }
    const series = parsed.data.multiDailyMetricTimeSeries.flatMap((s) => s.dailyMetricTimeSeries);
    for (const metric of metrics) {
      const s = series.find((x) => x.dailyMetric === metric);
      if (!s) {
        gaps.push({ what: metricName(metric), metrics: [metricName(metric)], reason: "Google sent no series for it", kind: "unknown" });
        continue;
      }
      const byDay = new Map(
        (s.timeSeries?.datedValues ?? []).map((v) => [`${v.date.year}-${pad(v.date.month)}-${pad(v.date.day)}`, Number(v.value ?? 0)]),
      );
      // Days Google was asked about and left out are real zeros (values of 0 are omitted).
      for (const day of days)
        points.push({ metric: metricName(metric), day, value: Number.isFinite(byDay.get(day)) ? byDay.get(day)! : 0 });
    }
  }
  return { points, gaps };
}
