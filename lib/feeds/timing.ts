// When a post made from a feed item goes out. This is the one place that decides it, so a mode
// that needs more than the item (the next free slot of the organization's posting schedule) is
// one more case here and one more entry in FEED_MODES.

export const FEED_MODES = ["now", "draft"] as const;
export type FeedMode = (typeof FEED_MODES)[number];

export const FEED_MODE_LABELS: Record<FeedMode, string> = {
  now: "Publish at once",
  draft: "Save as a draft for review",
};

export type Posting = { mode: "now" } | { mode: "draft" } | { mode: "schedule"; publishAt: Date };

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
    default: {
      const never: never = mode;
      throw new Error(`unknown feed mode ${String(never)}`);
    }
  }
}
