import { dailyPoints, engagementsOf, readPart, snapshot, tally, utcDay, utcDays } from "../core/analytics";
import { ProviderError } from "../core/errors";
import type { AccountMetrics, MetricGap } from "../social.integrations.interface";
import type { XCall } from "./x.client";
import { xTimestamp } from "./x.reconcile";

// X analytics (fact sheet §5). Account: the follower count from /2/users/me (a current total, so
// one point for today), and per day the public metrics of the posts made that day, summed from the
// account's timeline (GET /2/users/:id/tweets, as Postiz does). Post: public_metrics of one post.
// The 2026 OpenAPI spells retweet_count as repost_count; both are read. The two account reads
// are independent: one failing leaves a gap, and the other's figures are still stored.

type PublicMetrics = {
  retweet_count?: number;
  repost_count?: number;
  reply_count?: number;
  like_count?: number;
  quote_count?: number;
  bookmark_count?: number;
  impression_count?: number;
};
type TimelinePage = {
  data?: { id: string; created_at?: string; public_metrics?: PublicMetrics }[];
  meta?: { next_token?: string };
  errors?: { detail?: string }[];
};

const ENGAGEMENT = ["likes", "reposts", "replies", "quotes", "bookmarks"];
export const X_POST_METRICS = ["impressions", ...ENGAGEMENT, "engagements"];
/** X keeps the 3,200 most recent posts in a timeline; 32 pages of 100 reach all of them. */
const MAX_PAGES = 32;

export function postFigures(m: PublicMetrics | undefined): Record<string, number> {
  const f = {
    impressions: m?.impression_count ?? 0,
    likes: m?.like_count ?? 0,
    reposts: m?.repost_count ?? m?.retweet_count ?? 0,
    replies: m?.reply_count ?? 0,
    quotes: m?.quote_count ?? 0,
    bookmarks: m?.bookmark_count ?? 0,
  };
  return { ...f, engagements: engagementsOf(f, ENGAGEMENT) };
}

type Me = { data?: { public_metrics?: { followers_count?: number; following_count?: number } }; errors?: { detail?: string }[] };

export async function xAccountAnalytics(call: XCall, userId: string, range: { from: Date; to: Date }): Promise<AccountMetrics> {
  const gaps: MetricGap[] = [];
  const me = await readPart(gaps, "follower counts", ["followers", "following"], () =>
    call<Me>("/2/users/me?user.fields=public_metrics", {}, { action: "read the account's follower count" }),
  );
  const days = utcDays(range);
  const perDay = await readPart(gaps, "post metrics", X_POST_METRICS, () => timelineTotals(call, userId, days));
  // A count X leaves out is unknown, not zero.
  const pm = me?.data?.public_metrics;
  if (me && pm?.followers_count === undefined)
    gaps.push({ what: "followers", metrics: ["followers"], reason: "X did not report followers_count", kind: "unknown" });
  return {
    points: [
      ...snapshot({ followers: pm?.followers_count, following: pm?.following_count }),
      ...(perDay ? dailyPoints(days, X_POST_METRICS, perDay) : []),
    ],
    gaps,
  };
}

/** Per day, the summed public metrics of the account's posts made that day (its timeline). */
async function timelineTotals(call: XCall, userId: string, days: string[]): Promise<Map<string, Record<string, number>>> {
  const perDay = new Map<string, Record<string, number>>();
  const query = new URLSearchParams({
    start_time: xTimestamp(new Date(`${days[0]}T00:00:00Z`)),
    max_results: "100",
    "tweet.fields": "created_at,public_metrics",
    exclude: "retweets",
  });
  const endMs = Date.parse(`${days[days.length - 1]}T00:00:00Z`) + 86_400_000;
  if (endMs < Date.now()) query.set("end_time", xTimestamp(new Date(endMs)));
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await call<TimelinePage>(
      `/2/users/${encodeURIComponent(userId)}/tweets?${query}`,
      {},
      { action: "read the account's posts and their metrics" },
    );
    if (!res.data && res.errors?.length)
      throw new ProviderError("bad-body", res.errors[0]?.detail ?? "X could not list the account's posts");
    for (const t of res.data ?? []) {
      if (!t.created_at) continue;
      tally(perDay, utcDay(t.created_at), { ...postFigures(t.public_metrics), posts: 1 });
    }
    const next = res.meta?.next_token;
    if (!next) break;
    query.set("pagination_token", next);
  }
  return perDay;
}

export async function xPostAnalytics(call: XCall, id: string): Promise<Record<string, number>> {
  const res = await call<{ data?: { public_metrics?: PublicMetrics }; errors?: { detail?: string }[] }>(
    `/2/tweets/${encodeURIComponent(id)}?tweet.fields=public_metrics`,
    {},
    { action: "read the post's metrics" },
  );
  if (!res.data) throw new ProviderError("bad-body", res.errors?.[0]?.detail ?? `X has no post ${id}`);
  return postFigures(res.data.public_metrics);
}
