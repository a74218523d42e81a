import type { PostView } from "@/lib/posts/queries";
import { dateToWallTime } from "@/lib/time/zone";

// The list view's filters (status, channel, words in the text) and its grouping by local day,
// as plain functions over the posts already loaded.

export type ListFilter = { status: string; channel: string; search: string };

export function filterPosts(posts: PostView[], f: ListFilter): PostView[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  return posts.filter(
    (p) =>
      (!f.status || p.status === f.status) &&
      (!f.channel || p.targets.some((t) => t.channel.id === f.channel)) &&
      (words.length === 0 || words.every((w) => p.targets.some((t) => t.items.some((i) => i.text.toLowerCase().includes(w))))),
  );
}

/** Posts by local day ("2026-12-07"), in order; posts without a time under "". */
export function groupByDay(posts: PostView[], timeZone: string): [string, PostView[]][] {
  const groups = new Map<string, PostView[]>();
  for (const p of posts) {
    const day = p.publishAt ? dateToWallTime(new Date(p.publishAt), timeZone).slice(0, 10) : "";
    groups.set(day, [...(groups.get(day) ?? []), p]);
  }
  return [...groups];
}

/** The channels the loaded posts are on, once each, for the channel filter. */
export function channelsOf(posts: PostView[]) {
  const seen = new Map<string, PostView["targets"][number]["channel"]>();
  for (const p of posts) for (const t of p.targets) if (!seen.has(t.channel.id)) seen.set(t.channel.id, t.channel);
  return [...seen.values()];
}
