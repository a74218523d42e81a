import { dailyFigure, dayOf, followersOn, postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { graphError, invalidParam, ownProfile, PLATFORM, requireUser, VERSION } from "./support";

// Insights as the Threads insights doc describes them (threads_manage_insights). Account:
// GET /{user-id}/threads_insights?metric=…&since=&until= — views a daily series
// (values[{value, end_time}]), the others a total over the range (total_value.value),
// followers_count the current total; since/until not before 1712991600. Post:
// GET /{media-id}/insights?metric=…, lifetime values[{value}]. Figures are deterministic (kit/metrics).

const ACCOUNT_METRICS = ["views", "likes", "replies", "reposts", "quotes", "clicks", "followers_count", "follower_demographics"];
const POST_METRICS = ["views", "likes", "replies", "reposts", "quotes", "shares"];
const EARLIEST_S = 1_712_991_600;
const DAY_S = 86_400;
const MEANS: Record<string, number> = { views: 400, likes: 30, replies: 6, reposts: 4, quotes: 2, clicks: 8 };

const metricsOf = (raw: string | null) =>
  (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function insightRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "GET",
      path: `${VERSION}/:user/threads_insights`,
      name: "insights",
      handle(req, p) {
        const acc = requireUser(state, req, ["threads_basic", "threads_manage_insights"]);
        if ("status" in acc) return acc;
        const wrong = ownProfile(acc, p.user);
        if (wrong) return wrong;
        const metrics = metricsOf(req.query.get("metric"));
        if (!metrics.length) return invalidParam("The parameter metric is required.");
        const unknown = metrics.find((m) => !ACCOUNT_METRICS.includes(m));
        if (unknown) return invalidParam(`Param metric must be a comma-separated list of {${ACCOUNT_METRICS.join(", ")}}; got ${unknown}`);
        const now = Math.floor(Date.now() / 1000);
        const since = Number(req.query.get("since") ?? now - 2 * DAY_S);
        const until = Number(req.query.get("until") ?? now);
        if (!Number.isFinite(since) || !Number.isFinite(until) || since > until)
          return invalidParam("Params since and until must be unix times, since before until.");
        if (since < EARLIEST_S || until < EARLIEST_S)
          return invalidParam(`Params since and until cannot be before ${EARLIEST_S} (2024-04-13).`);
        const days: string[] = [];
        for (let t = Math.floor(since / DAY_S) * DAY_S; t < until; t += DAY_S) days.push(dayOf(t * 1000));
        const data = metrics.map((name) => {
          const base = { name, title: name, description: `Emulated ${name}`, id: `${acc.id}/insights/${name}/day` };
          if (name === "followers_count") return { ...base, period: "day", total_value: { value: followersOn(acc.id, dayOf(Date.now())) } };
          if (name === "follower_demographics") {
            const breakdown = req.query.get("breakdown");
            if (!breakdown) return { ...base, period: "lifetime", total_value: { breakdowns: [] } };
            return { ...base, period: "lifetime", total_value: { breakdowns: [{ dimension_keys: [breakdown], results: [] }] } };
          }
          if (name === "views")
            return {
              ...base,
              period: "day",
              values: days.map((d) => ({
                value: dailyFigure(acc.id, name, d, MEANS[name]!),
                end_time: `${dayOf(Date.parse(`${d}T00:00:00Z`) + DAY_S * 1000)}T07:00:00+0000`,
              })),
            };
          return {
            ...base,
            period: "day",
            total_value: { value: days.reduce((s, d) => s + dailyFigure(acc.id, name, d, MEANS[name]!), 0) },
          };
        });
        return json(200, { data });
      },
    },
    {
      method: "GET",
      path: `${VERSION}/:id/insights`,
      name: "post-insights",
      handle(req, p) {
        const acc = requireUser(state, req, ["threads_basic", "threads_manage_insights"]);
        if ("status" in acc) return acc;
        const post = recorded(state, PLATFORM).find(p.id!);
        if (!post || post.accountId !== acc.id)
          return graphError(
            400,
            100,
            `Unsupported get request. Object with ID '${p.id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
            { subcode: 33 },
          );
        const metrics = metricsOf(req.query.get("metric"));
        if (!metrics.length) return invalidParam("The parameter metric is required.");
        const unknown = metrics.find((m) => !POST_METRICS.includes(m));
        if (unknown) return invalidParam(`Param metric must be a comma-separated list of {${POST_METRICS.join(", ")}}; got ${unknown}`);
        return json(200, {
          data: metrics.map((name) => ({
            name,
            period: "lifetime",
            values: [{ value: postCounter(post.id, name, post.receivedAt) }],
            title: name,
            description: `Emulated ${name}`,
            id: `${post.id}/insights/${name}/lifetime`,
          })),
        });
      },
    },
  ];
}
