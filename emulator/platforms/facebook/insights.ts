import { dailyFigure, dayOf, seeded } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { fbError, isResponse, missingScope, pageCaller, paramsOf, PLATFORM } from "./graph";

// Page and post Insights as the Page Insights reference describes them: GET /{object}/insights with
// metric=a,b, period and since/until (Unix seconds) → {"data":[{name,period,values:[{value,end_time}],
// title,description,id}]}. A metric Meta retired ("Deprecated Metrics": page_impressions*,
// post_impressions*, page_fans*, page_engaged_users…) or never had answers "(#100) The value must be
// a valid insights metric". Figures are deterministic (kit/metrics).

const DAY_MS = 86_400_000;
const PAGE_METRICS: Record<string, number> = {
  page_media_view: 900,
  page_total_media_view_unique: 400,
  page_post_engagements: 60,
  page_daily_follows: 4,
  page_daily_unfollows_unique: 1,
  page_follows: 0,
  page_views_total: 80,
};
const POST_METRICS = [
  "post_media_view",
  "post_total_media_view_unique",
  "post_reactions_by_type_total",
  "post_clicks",
  "post_clicks_by_type",
];

const invalid = (metric: string) => fbError(400, 100, `(#100) The value must be a valid insights metric (${metric})`);

/** end_time of a day's value: the next day at 07:00 UTC (midnight Pacific), as Meta reports it. */
const endTime = (day: string) => new Date(Date.parse(`${day}T07:00:00Z`) + DAY_MS).toISOString().replace(/\.\d{3}Z$/, "+0000");

export function insightsRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "GET",
      path: "/:version/:object/insights",
      name: "insights",
      async handle(req, { object }) {
        const p = await paramsOf(req);
        if (isResponse(p)) return p;
        const post = recorded(state, PLATFORM).find(object!);
        const pageId = post ? post.accountId : object!;
        const c = pageCaller(state, req, p, pageId, "ANALYZE");
        if (isResponse(c)) return c;
        const lacking = missingScope(c, "read_insights");
        if (lacking) return lacking;
        const metrics = (req.query.get("metric") ?? "").split(",").filter(Boolean);
        if (!metrics.length) return fbError(400, 100, "(#100) The parameter metric is required");
        const known = post ? POST_METRICS : Object.keys(PAGE_METRICS);
        const bad = metrics.find((m) => !known.includes(m));
        if (bad) return invalid(bad);
        if (post) {
          const ageHours = Math.min(1, (Date.now() - post.receivedAt) / 3_600_000 + 0.05);
          const final = (m: string, mean: number) => Math.round(mean * (0.3 + seeded(post.id, m)) * ageHours);
          return json(200, {
            data: metrics.map((m) => ({
              name: m,
              period: "lifetime",
              values: [
                {
                  value: m.endsWith("_by_type_total")
                    ? { like: final(`${m}.like`, 30), love: final(`${m}.love`, 8), wow: final(`${m}.wow`, 2) }
                    : m === "post_clicks_by_type"
                      ? { "link clicks": final(`${m}.link`, 10), "other clicks": final(`${m}.other`, 6) }
                      : final(m, m === "post_clicks" ? 25 : 900),
                },
              ],
              title: m,
              id: `${post.id}/insights/${m}/lifetime`,
            })),
          });
        }
        const period = req.query.get("period") ?? "day";
        if (!["day", "week", "days_28", "lifetime"].includes(period))
          return fbError(400, 100, "(#100) period must be one of day, week, days_28");
        const until = Number(req.query.get("until") ?? Math.floor(Date.now() / 1000)) * 1000;
        const since = Number(req.query.get("since") ?? Math.floor((until - 2 * DAY_MS) / 1000)) * 1000;
        if (!(since <= until)) return fbError(400, 100, "(#100) since must be before until");
        if (until - since > 93 * DAY_MS)
          return fbError(400, 100, "(#100) There cannot be more than 93 days (8035200 s) between since and until");
        const days: string[] = [];
        for (let t = since; t < until; t += DAY_MS) days.push(dayOf(t));
        return json(200, {
          data: metrics.map((m) => ({
            name: m,
            period,
            values: days.map((day) => ({
              value:
                m === "page_follows"
                  ? 300 + Math.round(seeded(pageId, "follows") * 3000) + Math.floor((Date.parse(day) - Date.parse("2025-01-01")) / DAY_MS)
                  : m === "page_media_view"
                    ? { paid: 0, organic: dailyFigure(pageId, m, day, PAGE_METRICS[m]!) }
                    : dailyFigure(pageId, m, day, PAGE_METRICS[m]!),
              end_time: endTime(day),
            })),
            title: m,
            id: `${pageId}/insights/${m}/${period}`,
          })),
          paging: {},
        });
      },
    },
  ];
}
