import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import type { EmuRequest } from "@/emulator/types";
import { PLATFORM } from "./support";

// How Reddit answers its things: a link (t3) and a comment (t1) as listings and submissions
// return them, and the Listing envelope, built from what the emulator recorded.

export type Extra = {
  subreddit: string;
  title: string;
  kind: string;
  url?: string;
  flair?: string;
  created: number;
  author: string;
  nsfw: boolean;
};

export const extraOf = (p: RecordedPost) => (p.extra ?? {}) as Partial<Extra>;

export function linkJson(req: EmuRequest, state: EmulatorState, p: RecordedPost) {
  const e = extraOf(p);
  const comments = recorded(state, PLATFORM).repliesTo(p.id).length;
  const permalink = `/r/${e.subreddit}/comments/${p.id}/${slug(e.title ?? "")}/`;
  return {
    kind: "t3",
    data: {
      id: p.id,
      name: `t3_${p.id}`,
      subreddit: e.subreddit,
      title: e.title,
      selftext: p.text,
      is_self: e.kind === "self",
      url: e.url ?? `${webBase(req)}${permalink}`,
      permalink,
      author: e.author,
      over_18: !!e.nsfw,
      link_flair_template_id: e.flair ?? null,
      created_utc: Math.floor((e.created ?? p.receivedAt) / 1000),
      score: 1 + postCounter(p.id, "likes", p.receivedAt),
      ups: 1 + postCounter(p.id, "likes", p.receivedAt),
      upvote_ratio: 1,
      num_comments: comments,
      num_crossposts: 0,
      view_count: null,
    },
  };
}

export function commentJson(p: RecordedPost) {
  const e = extraOf(p);
  return {
    kind: "t1",
    data: {
      id: p.id,
      name: `t1_${p.id}`,
      body: p.text,
      link_id: `t3_${p.replyTo}`,
      parent_id: `t3_${p.replyTo}`,
      author: e.author,
      permalink: `/r/${e.subreddit}/comments/${p.replyTo}/_/${p.id}/`,
      created_utc: Math.floor((e.created ?? p.receivedAt) / 1000),
      score: 1,
    },
  };
}

export const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 50);
/** Post links point at www.reddit.com; here, the emulator's own base. */
export const webBase = (req: EmuRequest) => req.base;
export const listingOf = (children: unknown[]) => ({
  kind: "Listing",
  data: { after: null, before: null, dist: children.length, children },
});
