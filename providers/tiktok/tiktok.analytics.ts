import { z } from "zod";
import { engagementsOf, readPart, snapshot } from "../core/analytics";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { AccountMetrics, MetricGap, PublishContext } from "../social.integrations.interface";
import { callTiktok } from "./tiktok.api";

// TikTok analytics (../shared/platforms/tiktok.md §5; developers.tiktok.com/doc/tiktok-api-v2-get-user-info
// and -video-query): the account's current follower, following, likes and video counts
// (user.info.stats; current totals only, no history), and a video's view, like, comment and share
// counts from POST /v2/video/query/ (video.list). A count TikTok leaves out is reported unknown.

const stats = z.object({
  user: z
    .object({
      follower_count: z.number().optional(),
      following_count: z.number().optional(),
      likes_count: z.number().optional(),
      video_count: z.number().optional(),
    })
    .default({}),
});

export async function tiktokAccountAnalytics(api: SocialAbstract, token: string, ctx?: PublishContext): Promise<AccountMetrics> {
  const gaps: MetricGap[] = [];
  const data = await readPart(gaps, "account counts", ["followers", "following", "likes_total", "posts_total"], () =>
    callTiktok(
      api,
      `/v2/user/info/?${new URLSearchParams({ fields: "open_id,follower_count,following_count,likes_count,video_count" })}`,
      undefined,
      { action: "read the TikTok account's counts", token, ctx },
      "GET",
    ),
  );
  if (data === undefined) return { points: [], gaps };
  const u = stats.safeParse(data).data?.user ?? {};
  const values = { followers: u.follower_count, following: u.following_count, likes_total: u.likes_count, posts_total: u.video_count };
  for (const [metric, v] of Object.entries(values))
    if (v === undefined) gaps.push({ what: metric, metrics: [metric], reason: "TikTok did not report it", kind: "unknown" });
  return { points: snapshot(values), gaps };
}

const videos = z.object({
  videos: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        view_count: z.number().optional(),
        like_count: z.number().optional(),
        comment_count: z.number().optional(),
        share_count: z.number().optional(),
      }),
    )
    .default([]),
});

/** A TikTok video id is a number; a publish id (v_pub_file~…) is kept while TikTok has not shown the video yet. */
export const isVideoId = (id: string) => /^\d{1,30}$/.test(id);

export async function tiktokVideoAnalytics(
  api: SocialAbstract,
  token: string,
  videoId: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  if (!isVideoId(videoId))
    throw new ProviderError(
      "bad-body",
      "TikTok has not published this video publicly yet (it was private, a draft, or still in moderation): no figures to read",
    );
  const data = await callTiktok(
    api,
    `/v2/video/query/?${new URLSearchParams({ fields: "id,view_count,like_count,comment_count,share_count" })}`,
    { filters: { video_ids: [videoId] } },
    { action: "read the TikTok video's counts", token, ctx, idempotent: true },
  );
  const v = videos.safeParse(data).data?.videos.find((x) => x.id === videoId);
  if (!v) throw new ProviderError("bad-body", `TikTok no longer shows video ${videoId} (deleted or made private)`);
  const out: Record<string, number> = {};
  const map = { views: v.view_count, likes: v.like_count, comments: v.comment_count, shares: v.share_count };
  for (const [k, n] of Object.entries(map)) if (typeof n === "number") out[k] = n;
  out.engagements = engagementsOf(out, ["likes", "comments", "shares"]);
  return out;
}
