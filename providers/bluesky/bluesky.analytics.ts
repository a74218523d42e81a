import { z } from "zod";
import { engagementsOf, readPart, snapshot } from "../core/analytics";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { AccountMetrics, MetricGap, PublishContext } from "../social.integrations.interface";
import { Xrpc } from "./bluesky.xrpc";

// Bluesky analytics (fact sheet §5): the profile's current follower, follows and post counts
// (one point for today; there is no history), and a post's likes, reposts, replies, quotes and
// bookmarks from app.bsky.feed.getPosts. Bluesky has no view or impression counts.

const profile = z.object({ followersCount: z.number().optional(), followsCount: z.number().optional(), postsCount: z.number().optional() });
const posts = z.object({
  posts: z.array(
    z.object({
      uri: z.string(),
      likeCount: z.number().optional(),
      repostCount: z.number().optional(),
      replyCount: z.number().optional(),
      quoteCount: z.number().optional(),
      bookmarkCount: z.number().optional(),
    }),
  ),
});

type Author = { service: string; did: string; accessToken: string };

export async function blueskyAccountAnalytics(api: SocialAbstract, author: Author, ctx?: PublishContext): Promise<AccountMetrics> {
  const xrpc = new Xrpc(api, author.service, { token: author.accessToken, ctx });
  const gaps: MetricGap[] = [];
  const body = await readPart(gaps, "profile counts", ["followers", "following", "posts_total"], () =>
    xrpc.query("app.bsky.actor.getProfile", { actor: author.did }, { action: "read the profile's counts" }),
  );
  if (body === undefined) return { points: [], gaps };
  const p = profile.safeParse(body);
  const counts = p.success ? p.data : {};
  const values = { followers: counts.followersCount, following: counts.followsCount, posts_total: counts.postsCount };
  for (const [metric, v] of Object.entries(values))
    if (v === undefined) gaps.push({ what: metric, metrics: [metric], reason: "Bluesky did not report it", kind: "unknown" });
  return { points: snapshot(values), gaps };
}

export async function blueskyPostAnalytics(
  api: SocialAbstract,
  author: Author,
  uri: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  const xrpc = new Xrpc(api, author.service, { token: author.accessToken, ctx });
  const res = posts.parse(await xrpc.query("app.bsky.feed.getPosts", { uris: uri }, { action: "read the post's counts" }));
  const post = res.posts.find((p) => p.uri === uri);
  // getPosts leaves out posts it cannot see (deleted, or taken down) instead of failing.
  if (!post) throw new ProviderError("bad-body", `Bluesky no longer shows the post ${uri}`);
  const f = {
    likes: post.likeCount ?? 0,
    reposts: post.repostCount ?? 0,
    replies: post.replyCount ?? 0,
    quotes: post.quoteCount ?? 0,
    bookmarks: post.bookmarkCount ?? 0,
  };
  return { ...f, engagements: engagementsOf(f, Object.keys(f)) };
}
