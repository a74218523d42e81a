import { dayOf, followersOn, historyPosts, postCounter, seeded } from "@/emulator/kit/metrics";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { recorded } from "@/emulator/kit/recording";

// X's public metrics in the emulator: deterministic counters per post (emulator/kit/metrics.ts), the
// real number of replies, and an account's public_metrics, as `?tweet.fields=public_metrics` and
// `?user.fields=public_metrics` return them.

export function tweetPublicMetrics(state: EmulatorState, post: RecordedPost, now = Date.now()) {
  const c = (m: string) => postCounter(post.id, m, post.receivedAt, now);
  return {
    retweet_count: c("reposts"),
    reply_count: recorded(state, "x").repliesTo(post.id).length,
    like_count: c("likes"),
    quote_count: c("quotes"),
    bookmark_count: c("bookmarks"),
    impression_count: c("impressions"),
  };
}

export function userPublicMetrics(state: EmulatorState, accountId: string, now = Date.now()) {
  const posts = recorded(state, "x").byAccount(accountId);
  return {
    followers_count: followersOn(accountId, dayOf(now)),
    following_count: 50 + Math.floor(seeded(accountId, "following") * 400),
    tweet_count: posts.length,
    listed_count: Math.floor(seeded(accountId, "listed") * 20),
    like_count: Math.floor(seeded(accountId, "likes") * 3000),
  };
}

/** Records the account's past posts (idempotent: a day already seeded is left alone). */
export function seedXHistory(state: EmulatorState, accountId: string, days: number): number {
  const have = new Set(
    recorded(state, "x")
      .byAccount(accountId)
      .map((p) => p.text),
  );
  let added = 0;
  for (const h of historyPosts(accountId, days)) {
    if (have.has(h.text)) continue;
    const post = recorded(state, "x").record({ accountId, text: h.text, media: [] });
    post.receivedAt = h.at;
    added++;
  }
  // The timeline lists posts in the order they were recorded, newest last.
  state.posts.sort((a, b) => a.receivedAt - b.receivedAt);
  return added;
}
