import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, PublishContext } from "../social.integrations.interface";
import { threadsApi } from "./threads.api";

// The publishing quota (overview doc, "Posts" and "Replies"): 250 API-published posts and 1,000
// replies per profile in a moving 24-hour window, enforced by threads_publish. Meta asks apps that
// schedule posts to enforce it themselves, so it is read before each publish
// (GET /{user-id}/threads_publishing_limit) and a full quota delays the post instead of failing it.

const limit = z.object({
  data: z
    .array(
      z.object({
        quota_usage: z.number().optional(),
        config: z.object({ quota_total: z.number(), quota_duration: z.number().optional() }).optional(),
        reply_quota_usage: z.number().optional(),
        reply_config: z.object({ quota_total: z.number(), quota_duration: z.number().optional() }).optional(),
      }),
    )
    .default([]),
});

/** The window moves: an hour later the oldest posts of a full day may have left it. */
export const QUOTA_RETRY_MS = 60 * 60_000;

export type QuotaReading = { used: number; total: number } | null;

/** What the quota for a post (or, with `reply`, a reply) stands at; null when Threads did not say. */
export async function readQuota(api: SocialAbstract, channel: ChannelAccess, reply: boolean, ctx?: PublishContext): Promise<QuotaReading> {
  const fields = reply ? "reply_quota_usage,reply_config" : "quota_usage,config";
  let answer: unknown;
  try {
    answer = await api.fetchJson(
      `${threadsApi(`/${encodeURIComponent(channel.internalId)}/threads_publishing_limit`)}?fields=${fields}`,
      {},
      { action: "read the publishing quota", token: channel.accessToken, ctx },
    );
  } catch (e) {
    // The quota is a courtesy check: threads_publish enforces it anyway. Only an account problem stops here.
    if (e instanceof ProviderError && (e.kind === "refresh-token" || e.kind === "disconnect")) throw e;
    return null;
  }
  const row = limit.safeParse(answer).data?.data[0];
  const used = reply ? row?.reply_quota_usage : row?.quota_usage;
  const total = reply ? row?.reply_config?.quota_total : row?.config?.quota_total;
  return typeof used === "number" && typeof total === "number" ? { used, total } : null;
}

/** Refuses, for now, a publish the quota has no room for: the target is tried again in an hour. */
export async function ensureQuota(api: SocialAbstract, channel: ChannelAccess, reply: boolean, ctx?: PublishContext): Promise<void> {
  const q = await readQuota(api, channel, reply, ctx);
  if (!q || q.used < q.total) return;
  const what = reply ? "replies" : "posts";
  throw new ProviderError(
    "retry",
    `Threads allows ${q.total} ${what} per 24 hours and this profile has used ${q.used}; it will be tried again in an hour`,
    { retryAfterMs: QUOTA_RETRY_MS },
  );
}
