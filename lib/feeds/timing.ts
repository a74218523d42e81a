// When a post made from a feed item goes out. This is the one place that decides it: at once, as
// a draft for review, or into the next free slot of each channel's posting schedule ("queue",
// where post-item.ts hands the item to addToQueue, which picks the slots under the queues' locks).

export const FEED_MODES = ["now", "queue", "draft"] as const;
export type FeedMode = (typeof FEED_MODES)[number];

export const FEED_MODE_LABELS: Record<FeedMode, string> = {
  now: "Publish at once",
  queue: "Into the next free slot of each channel's queue",
  draft: "Save as a draft for review",
};

export type Posting = { mode: "now" } | { mode: "draft" } | { mode: "queue" } | { mode: "schedule"; publishAt: Date };

/**
 * The post input's mode (and time) for a new item of a feed in this mode. Async and given the
 * organization, so a mode that looks something up (a queue slot) fits without changing callers.
 */
export async function postingFor(mode: FeedMode, _org: { organizationId: string }, _now: Date): Promise<Posting> {
  switch (mode) {
    case "now":
      return { mode: "now" };
    case "draft":
      return { mode: "draft" };
    case "queue":
      return { mode: "queue" };
    default: {
      const never: never = mode;
      throw new Error(`unknown feed mode ${String(never)}`);
    }
  }
}
