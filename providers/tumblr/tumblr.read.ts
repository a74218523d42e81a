import { z } from "zod";
import { readPart, snapshot } from "../core/analytics";
import { ProviderError } from "../core/errors";
import { appCredentials } from "../core/hosts";
import type { SocialAbstract } from "../social.abstract";
import type { AccountMetrics, ChannelAccess, MetricGap, PublishContext, PublishedItem } from "../social.integrations.interface";
import { blogUrl, postPermalink, TUMBLR_HEADERS } from "./tumblr.api";
import { contentText } from "./tumblr.post";

// What is read back from a blog (tumblr/docs api.md, "/posts – Retrieve Published Posts", "/followers"):
// - GET /v2/blog/{blog}/posts?id=…&npf=true&notes_info=true: one post, with its post_url,
//   reblog_key and note_count (the link and reblog key stored after publishing; the notes figure);
// - GET /v2/blog/{blog}/posts?npf=true&limit=20: the newest posts, with timestamp and NPF content
//   (the read-back after a lost create answer);
// - GET /v2/blog/{blog}/followers?limit=1: total_users, the blog's follower count.
// Tumblr documents no other analytics: notes (likes, reblogs and replies together) per post and
// followers per blog are all there is.

const post = z.object({
  id_string: z.string().optional(),
  id: z.union([z.string(), z.number()]).transform(String),
  post_url: z.string().nullish(),
  reblog_key: z.string().nullish(),
  timestamp: z.number().nullish(),
  note_count: z.number().nullish(),
  content: z
    .array(z.object({ type: z.string().optional(), text: z.string().optional(), subtype: z.string().optional() }).passthrough())
    .nullish(),
});
const posts = z.object({ response: z.object({ posts: z.array(post).default([]) }) });
type TumblrPost = z.infer<typeof post>;

const idOf = (p: TumblrPost) => p.id_string ?? p.id;

async function readPosts(api: SocialAbstract, channel: ChannelAccess, query: Record<string, string>, action: string, ctx?: PublishContext) {
  // An API-key method: the consumer key goes in the query; the bearer token is sent too (the blog may be private).
  const q = new URLSearchParams({ api_key: appCredentials("tumblr").clientId, npf: "true", ...query });
  const answer = posts.safeParse(
    await api.fetchJson(
      `${blogUrl(channel.internalId, "/posts")}?${q}`,
      { headers: TUMBLR_HEADERS },
      { action, token: channel.accessToken, ctx },
    ),
  );
  if (!answer.success) throw new ProviderError("retry", "Tumblr sent a list of posts this server cannot read");
  return answer.data.response.posts;
}

/**
 * The published post as stored, "reblog-safe": ref holds the three things an NPF reblog of it needs
 * (the blog's uuid as parent_tumblelog_uuid, the id as parent_post_id, and the reblog_key), and the
 * link names the post by its id: Tumblr's own post_url when it can be read back (it follows a
 * custom domain), else the blog-subdomain permalink. A blog renamed later keeps its uuid, so ref
 * still reblogs it; only the fallback link would go stale.
 */
export async function publishedItem(api: SocialAbstract, channel: ChannelAccess, id: string, ctx?: PublishContext): Promise<PublishedItem> {
  const fallback = postPermalink(channel.username || channel.internalId, id);
  const base = { blogUuid: channel.internalId, postId: id };
  try {
    const [p] = await readPosts(api, channel, { id }, "read the new post's link", ctx);
    if (!p) return { id, url: fallback, ref: base };
    return {
      id,
      url: p.post_url && /^https?:\/\//.test(p.post_url) ? p.post_url : fallback,
      ref: { ...base, ...(p.reblog_key ? { reblogKey: p.reblog_key } : {}) },
    };
  } catch (e) {
    // The post is made: a failed read only costs the canonical link and the reblog key.
    if (e instanceof ProviderError) return { id, url: fallback, ref: base };
    throw e;
  }
}

/** Posts made in the minutes of one publish are among the newest; clocks differ by a little. */
const SKEW_S = 120;

export async function findPost(
  api: SocialAbstract,
  channel: ChannelAccess,
  expected: { text: string; images: number; videos: number },
  since: Date,
  ctx?: PublishContext,
): Promise<PublishedItem | null> {
  const recent = await readPosts(api, channel, { limit: "20" }, "read back the blog's recent posts", ctx);
  const after = since.getTime() / 1000 - SKEW_S;
  const same = (p: TumblrPost) => {
    const blocks = p.content ?? [];
    const count = (type: string) => blocks.filter((b) => b.type === type).length;
    if (count("image") !== expected.images || count("video") !== expected.videos) return false;
    if (contentText(blocks) === expected.text) return true;
    // A title setting is sent as a leading heading1 block the text does not hold.
    const [first, ...rest] = blocks.filter((b) => b.type === "text");
    return first?.subtype === "heading1" && contentText(rest) === expected.text;
  };
  const match = recent.find((p) => (p.timestamp ?? 0) >= after && same(p));
  if (!match) return null;
  const id = idOf(match);
  return {
    id,
    url: match.post_url && /^https?:\/\//.test(match.post_url) ? match.post_url : postPermalink(channel.username || channel.internalId, id),
    ref: { blogUuid: channel.internalId, postId: id, ...(match.reblog_key ? { reblogKey: match.reblog_key } : {}) },
  };
}

export async function postNotes(
  api: SocialAbstract,
  channel: ChannelAccess,
  id: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  const [p] = await readPosts(api, channel, { id, notes_info: "true" }, "read the post's notes", ctx);
  if (!p) throw new ProviderError("bad-body", `Tumblr has no post ${id} on this blog`);
  return typeof p.note_count === "number" ? { notes: p.note_count } : {};
}

export async function blogFollowers(api: SocialAbstract, channel: ChannelAccess, ctx?: PublishContext): Promise<AccountMetrics> {
  const gaps: MetricGap[] = [];
  const answer = await readPart(gaps, "follower count", ["followers"], () =>
    api.fetchJson<{ response?: { total_users?: unknown } }>(
      `${blogUrl(channel.internalId, "/followers")}?limit=1`,
      { headers: TUMBLR_HEADERS },
      { action: "read the blog's follower count", token: channel.accessToken, ctx },
    ),
  );
  const total = answer?.response?.total_users;
  if (answer && typeof total !== "number")
    gaps.push({ what: "followers", metrics: ["followers"], reason: "Tumblr did not report total_users", kind: "unknown" });
  return { points: snapshot({ followers: typeof total === "number" ? total : undefined }), gaps };
}
