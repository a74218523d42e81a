import { z } from "zod";
import { engagementsOf, readPart, snapshot } from "../core/analytics";
import type { SocialAbstract } from "../social.abstract";
import type { AccountMetrics, ChannelAccess, MetricGap, PublishContext } from "../social.integrations.interface";
import { channelInstance } from "./mastodon.instance";

// Mastodon analytics (fact sheet §5): the account's current follower, following and status counts
// (no history and no impressions exist for normal users, so one point for today), and a status's
// replies, reblogs, favourites and quotes (4.5+). There are no view counts to collect. Parsing is
// tolerant: a server that leaves a count out (or sends something else) makes that one figure
// unknown, never the whole collection a failure.

const count = z.number().finite().nonnegative().optional().catch(undefined);
const account = z.object({ followers_count: count, following_count: count, statuses_count: count });
const status = z.object({ replies_count: count, reblogs_count: count, favourites_count: count, quotes_count: count });
const ACCOUNT_FIELDS = { followers: "followers_count", following: "following_count", statuses: "statuses_count" } as const;

export async function mastodonAccountAnalytics(p: SocialAbstract, channel: ChannelAccess, ctx?: PublishContext): Promise<AccountMetrics> {
  const base = channelInstance(channel);
  const gaps: MetricGap[] = [];
  const body = await readPart(gaps, "account counts", Object.keys(ACCOUNT_FIELDS), () =>
    p.fetchJson(`${base}/api/v1/accounts/verify_credentials`, {}, { token: channel.accessToken, ctx, action: "read the account's counts" }),
  );
  if (body === undefined) return { points: [], gaps };
  const a = account.parse(body ?? {});
  const values: Record<string, number | undefined> = {};
  for (const [metric, field] of Object.entries(ACCOUNT_FIELDS)) {
    values[metric] = a[field];
    if (a[field] === undefined)
      gaps.push({ what: metric, metrics: [metric], reason: `the server did not report ${field}`, kind: "unknown" });
  }
  return { points: snapshot(values), gaps };
}

export async function mastodonPostAnalytics(
  p: SocialAbstract,
  channel: ChannelAccess,
  id: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  const base = channelInstance(channel);
  const s = status.parse(
    (await p.fetchJson(
      `${base}/api/v1/statuses/${encodeURIComponent(id)}`,
      {},
      { token: channel.accessToken, ctx, action: "read the status's counts" },
    )) ?? {},
  );
  // A missing counter is left out (unknown), not stored as zero.
  const f = Object.fromEntries(
    Object.entries({ likes: s.favourites_count, reposts: s.reblogs_count, replies: s.replies_count, quotes: s.quotes_count }).filter(
      (e): e is [string, number] => e[1] !== undefined,
    ),
  );
  return { ...f, engagements: engagementsOf(f, ["likes", "reposts", "replies", "quotes"]) };
}
