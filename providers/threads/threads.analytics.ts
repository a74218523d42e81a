import { dailyPoints, readPart, snapshot, tally, utcDay, utcDays } from "../core/analytics";
import type { SocialAbstract } from "../social.abstract";
import type { AccountMetrics, ChannelAccess, MetricGap, PublishContext } from "../social.integrations.interface";
import { parseTimestamp, threadsApi } from "./threads.api";

// Threads insights (insights doc). Account: GET /{user-id}/threads_insights. `views` is a daily
// series (values[{value, end_time}]); likes, replies, reposts and quotes are totals over
// since..until (total_value.value), so they are read one day at a time; followers_count is the
// current total. since/until cannot go before 2024-04-13 (1712991600). Post: GET
// /{media-id}/insights, lifetime totals. A metric Threads leaves out is a gap, never a zero.

type Metric = { name?: string; values?: { value?: unknown; end_time?: string }[]; total_value?: { value?: unknown } };
type Answer = { data?: Metric[] };

const EARLIEST_S = 1_712_991_600;
const DAY_MS = 86_400_000;
/** Interactions are read day by day: the last two weeks of the range at most, to spare the call budget. */
const MAX_INTERACTION_DAYS = 14;
const INTERACTIONS = ["likes", "replies", "reposts", "quotes"];
export const POST_METRICS = ["views", "likes", "replies", "reposts", "quotes", "shares"];

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const totalOf = (m: Metric | undefined) =>
  num(m?.total_value?.value) ?? (m?.values?.length ? m.values.reduce((s, v) => s + (num(v.value) ?? 0), 0) : undefined);

function insightsUrl(channel: ChannelAccess, params: Record<string, string>) {
  return `${threadsApi(`/${encodeURIComponent(channel.internalId)}/threads_insights`)}?${new URLSearchParams(params)}`;
}

export async function threadsAccountAnalytics(
  api: SocialAbstract,
  channel: ChannelAccess,
  range: { from: Date; to: Date },
  ctx?: PublishContext,
): Promise<AccountMetrics> {
  const gaps: MetricGap[] = [];
  const now = Date.now();
  const from = Math.max(range.from.getTime(), EARLIEST_S * 1000);
  const to = Math.min(range.to.getTime(), now);
  const read = (what: string, params: Record<string, string>) =>
    api.fetchJson<Answer>(insightsUrl(channel, params), {}, { action: `read the profile's ${what}`, token: channel.accessToken, ctx });

  const f = await readPart(gaps, "follower count", ["followers"], () => read("follower count", { metric: "followers_count" }));
  const followers = totalOf(f?.data?.find((m) => m.name === "followers_count"));
  if (f && followers === undefined)
    gaps.push({ what: "followers", metrics: ["followers"], reason: "Threads did not report followers_count", kind: "unknown" });
  const points = snapshot({ followers });
  if (from > to) return { points, gaps };

  const days = utcDays({ from: new Date(from), to: new Date(to) });
  const perDay = new Map<string, Record<string, number>>();
  const present: string[] = [];
  const since = String(Math.floor(from / 1000));
  const until = String(Math.floor(to / 1000));
  const v = await readPart(gaps, "views", ["views"], () => read("views", { metric: "views", since, until }));
  const views = v?.data?.find((m) => m.name === "views");
  if (views?.values?.length) {
    present.push("views");
    // A day's value is stamped with the end of that day (end_time), so it belongs to the day before.
    for (const p of views.values) {
      const end = parseTimestamp(p.end_time);
      const value = num(p.value);
      if (Number.isFinite(end) && value !== undefined) tally(perDay, utcDay(end - DAY_MS), { views: value });
    }
  } else if (v) gaps.push({ what: "views", metrics: ["views"], reason: "Threads reported no views for these days", kind: "unknown" });

  const recent = days.slice(-MAX_INTERACTION_DAYS);
  const seen = new Set<string>();
  const complete = await readPart(gaps, "interactions", INTERACTIONS, async () => {
    for (const day of recent) {
      const start = Math.max(Date.parse(`${day}T00:00:00Z`) / 1000, EARLIEST_S);
      const end = Math.min(start + 86_400, Math.floor(now / 1000));
      if (end <= start) continue;
      const a = await read("interactions", { metric: INTERACTIONS.join(","), since: String(start), until: String(end) });
      const values: Record<string, number> = {};
      for (const name of INTERACTIONS) {
        const t = totalOf(a.data?.find((m) => m.name === name));
        if (t === undefined) continue;
        values[name] = t;
        seen.add(name);
      }
      tally(perDay, day, values);
    }
    return true;
  });
  // A part that failed half-way is a gap as a whole: its first days alone would read as zeros after.
  if (complete) for (const name of INTERACTIONS) if (seen.has(name)) present.push(name);
  return { points: [...points, ...dailyPoints(days, present, perDay)], gaps };
}

export async function threadsPostAnalytics(
  api: SocialAbstract,
  channel: ChannelAccess,
  mediaId: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  const answer = await api.fetchJson<Answer>(
    `${threadsApi(`/${encodeURIComponent(mediaId)}/insights`)}?metric=${POST_METRICS.join(",")}`,
    {},
    { action: "read the post's insights", token: channel.accessToken, ctx },
  );
  const out: Record<string, number> = {};
  for (const name of POST_METRICS) {
    const t = totalOf(answer?.data?.find((m) => m.name === name));
    if (t !== undefined) out[name] = t;
  }
  return out;
}
