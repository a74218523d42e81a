import { z } from "zod";
import { engagementsOf, snapshot } from "../core/analytics";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, MetricPoint, PublishContext } from "../social.integrations.interface";
import { channelInstance } from "./mastodon.instance";

// Mastodon analytics (fact sheet §5): the account's current follower, following and status counts
// (no history and no impressions exist for normal users, so one point for today), and a status's
// replies, reblogs, favourites and quotes (4.5+). There are no view counts to collect.

const account = z.object({ followers_count: z.number(), following_count: z.number(), statuses_count: z.number() });
const status = z.object({ replies_count: z.number(), reblogs_count: z.number(), favourites_count: z.number(), quotes_count: z.number().optional() });

export async function mastodonAccountAnalytics(p: SocialAbstract, channel: ChannelAccess, ctx?: PublishContext): Promise<MetricPoint[]> {
  const base = channelInstance(channel);
  const a = account.parse(await p.fetchJson(`${base}/api/v1/accounts/verify_credentials`, {}, { token: channel.accessToken, ctx, action: "read the account's counts" }));
  return snapshot({ followers: a.followers_count, following: a.following_count, statuses: a.statuses_count });
}

export async function mastodonPostAnalytics(p: SocialAbstract, channel: ChannelAccess, id: string, ctx?: PublishContext): Promise<Record<string, number>> {
  const base = channelInstance(channel);
  const s = status.parse(await p.fetchJson(`${base}/api/v1/statuses/${encodeURIComponent(id)}`, {}, { token: channel.accessToken, ctx, action: "read the status's counts" }));
  const f = { likes: s.favourites_count, reposts: s.reblogs_count, replies: s.replies_count, ...(s.quotes_count !== undefined ? { quotes: s.quotes_count } : {}) };
  return { ...f, engagements: engagementsOf(f, ["likes", "reposts", "replies", "quotes"]) };
}
