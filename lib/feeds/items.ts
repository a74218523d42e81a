import "server-only";
import { db } from "@/lib/db/client";
import { contextFor } from "@/lib/orgs/context";
import type { ParsedItem } from "./parse";
import { postFeedItem, type FeedForPosting } from "./post-item";

// Records the items of one fetched feed document and posts the new ones. An item is claimed by
// inserting its row (UNIQUE feed_id, item_key) before its post is created: whoever inserts it
// posts it, and a second worker, a "check now" at the same moment or a restarted process finds it
// taken. A process that dies between the claim and the post leaves the item "posting" and never
// posts it: at most once, never twice.

/** More new items than this in one check (a feed back after a long pause) post only the newest. */
export const MAX_POSTS_PER_CHECK = 20;

export type FeedRow = FeedForPosting & { id: string; organizationId: string; createdById: string | null };
export type ItemsResult = { newItems: number; posted: number; failed: number };

const row = (feed: FeedRow, item: ParsedItem, state: string, error: string | null = null) => ({
  organizationId: feed.organizationId,
  feedId: feed.id,
  itemKey: item.key,
  title: item.title.slice(0, 1000),
  link: item.link.slice(0, 2048) || null,
  publishedAt: item.publishedAt,
  state,
  error,
});

/** Oldest first (feeds list the newest first), each key once. */
function chronological(items: ParsedItem[]): ParsedItem[] {
  const seen = new Set<string>();
  return [...items].reverse().filter((i) => !seen.has(i.key) && seen.add(i.key));
}

/**
 * `post`: "new" posts every item not recorded yet; "latest" (a feed just added, with "post the
 * newest item" ticked) posts only the newest and marks the rest seen; "none" marks all seen.
 */
export async function recordItems(
  feed: FeedRow,
  items: ParsedItem[],
  post: "new" | "latest" | "none",
  now = new Date(),
): Promise<ItemsResult> {
  const ordered = chronological(items);
  const known = new Set(
    (await db.feedItem.findMany({ where: { feedId: feed.id, itemKey: { in: ordered.map((i) => i.key) } }, select: { itemKey: true } })).map(
      (r) => r.itemKey,
    ),
  );
  const fresh = ordered.filter((i) => !known.has(i.key));
  const wanted = post === "none" ? [] : post === "latest" ? fresh.slice(-1) : fresh.slice(-MAX_POSTS_PER_CHECK);
  const skipped = fresh.slice(0, fresh.length - wanted.length);
  const note =
    post === "new" && skipped.length ? `not posted: more than ${MAX_POSTS_PER_CHECK} new items at once, only the newest were posted` : null;
  if (skipped.length) await db.feedItem.createMany({ data: skipped.map((i) => row(feed, i, "seen", note)), skipDuplicates: true });
  const claimed = wanted.length
    ? await db.feedItem.createManyAndReturn({
        data: wanted.map((i) => row(feed, i, "posting")),
        skipDuplicates: true,
        select: { id: true, itemKey: true },
      })
    : [];
  const result: ItemsResult = { newItems: fresh.length, posted: 0, failed: 0 };
  if (!claimed.length) return result;
  const ctx = contextFor(feed.createdById ?? "", feed.organizationId, "member");
  const byKey = new Map(wanted.map((i) => [i.key, i]));
  for (const c of wanted.map((i) => claimed.find((x) => x.itemKey === i.key)).filter((x) => !!x)) {
    let outcome: { postId: string | null; problems: string[] };
    try {
      outcome = await postFeedItem(ctx, feed, byKey.get(c.itemKey)!, now);
    } catch (e) {
      console.error(`[feeds] posting item ${c.itemKey} of feed ${feed.id} failed`, e);
      outcome = { postId: null, problems: ["an unexpected error stopped this item; see the server log"] };
    }
    await db.feedItem.update({
      where: { id: c.id },
      data: {
        state: outcome.postId ? "posted" : "failed",
        postId: outcome.postId,
        error: outcome.problems.join("; ").slice(0, 4000) || null,
      },
    });
    if (outcome.postId) result.posted++;
    else result.failed++;
  }
  return result;
}
