import { dailyPoints, readPart, snapshot, tally, utcDay, utcDays } from "../core/analytics";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { AccountMetrics, ChannelAccess, MetricGap, PublishContext } from "../social.integrations.interface";
import { pinterestUrl } from "./pinterest.api";

// Pinterest analytics (../shared/platforms/pinterest.md §5). Account: the follower count from GET
// /v5/user_account (a current total, one point for today), and GET
// /v5/user_account/analytics, daily figures per metric under all.daily_metrics (days whose
// data_status is not READY are not final and are skipped). Pin: GET /v5/pins/{id}/analytics,
// the totals under all.summary_metrics (or lifetime_metrics). Both refuse a start more than 90
// days back, so the range is clamped to 89 (a day of slack across time zones). A metric Pinterest
// leaves out is a gap ("unknown"), never a zero.

const METRICS: Record<string, string> = {
  IMPRESSION: "impressions",
  PIN_CLICK: "pin_clicks",
  OUTBOUND_CLICK: "outbound_clicks",
  SAVE: "saves",
  ENGAGEMENT: "engagements",
};
const POST_METRICS = ["IMPRESSION", "PIN_CLICK", "OUTBOUND_CLICK", "SAVE"];
const DAY_MS = 86_400_000;
const MAX_DAYS_BACK = 89;

type Daily = { date?: string; data_status?: string; metrics?: Record<string, unknown> };
type Answer = { all?: { daily_metrics?: Daily[]; summary_metrics?: Record<string, unknown>; lifetime_metrics?: Record<string, unknown> } };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function clamp(range: { from: Date; to: Date }, now = Date.now()): { from: Date; to: Date } {
  const earliest = now - MAX_DAYS_BACK * DAY_MS;
  const to = new Date(Math.min(range.to.getTime(), now));
  return { from: new Date(Math.min(Math.max(range.from.getTime(), earliest), to.getTime())), to };
}

export async function pinterestAccountAnalytics(
  api: SocialAbstract,
  channel: ChannelAccess,
  range: { from: Date; to: Date },
  ctx?: PublishContext,
): Promise<AccountMetrics> {
  const r = clamp(range);
  const days = utcDays(r);
  const gaps: MetricGap[] = [];
  const names = Object.values(METRICS);
  const q = new URLSearchParams({ start_date: utcDay(r.from), end_date: utcDay(r.to), metric_types: Object.keys(METRICS).join(",") });
  const me = await readPart(gaps, "follower count", ["followers"], () =>
    api.fetchJson<{ follower_count?: unknown }>(
      pinterestUrl("/user_account"),
      {},
      { action: "read the account's follower count", token: channel.accessToken, ctx },
    ),
  );
  const followers = me ? num(me.follower_count) : undefined;
  if (me && followers === undefined)
    gaps.push({ what: "followers", metrics: ["followers"], reason: "Pinterest did not report follower_count", kind: "unknown" });
  const counts = snapshot({ followers });
  const answer = await readPart(gaps, "account analytics", names, () =>
    api.fetchJson<Answer>(
      `${pinterestUrl("/user_account/analytics")}?${q}`,
      {},
      { action: "read the account's analytics", token: channel.accessToken, ctx },
    ),
  );
  if (!answer) return { points: counts, gaps };
  const perDay = new Map<string, Record<string, number>>();
  const seen = new Set<string>();
  for (const d of answer.all?.daily_metrics ?? []) {
    if (!d.date || (d.data_status && d.data_status !== "READY")) continue;
    const values: Record<string, number> = {};
    for (const [key, name] of Object.entries(METRICS)) {
      const v = num(d.metrics?.[key]);
      if (v === undefined) continue;
      values[name] = v;
      seen.add(name);
    }
    tally(perDay, d.date, values);
  }
  const present = names.filter((n) => seen.has(n));
  for (const n of names.filter((x) => !seen.has(x)))
    gaps.push({ what: n, metrics: [n], reason: `Pinterest reported no ${n} for these days`, kind: "unknown" });
  return { points: [...counts, ...dailyPoints(days, present, perDay)], gaps };
}

export async function pinterestPinAnalytics(
  api: SocialAbstract,
  channel: ChannelAccess,
  pinId: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  const now = Date.now();
  const q = new URLSearchParams({
    start_date: utcDay(now - MAX_DAYS_BACK * DAY_MS),
    end_date: utcDay(now),
    metric_types: POST_METRICS.join(","),
  });
  const answer = await api.fetchJson<Answer>(
    `${pinterestUrl(`/pins/${encodeURIComponent(pinId)}/analytics`)}?${q}`,
    {},
    { action: "read the pin's analytics", token: channel.accessToken, ctx },
  );
  if (!answer?.all) throw new ProviderError("bad-body", `Pinterest sent no analytics for pin ${pinId}`);
  const totals = { ...answer.all.summary_metrics, ...answer.all.lifetime_metrics };
  const out: Record<string, number> = {};
  for (const key of POST_METRICS) {
    const v = num(totals[key]);
    if (v !== undefined) out[METRICS[key]!] = v;
  }
  return out;
}
