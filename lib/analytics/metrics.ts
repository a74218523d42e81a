// The metrics the collectors write and the dashboards read. A "level" is a total at a moment
// (followers): a period shows its last reading. A "flow" happens per day (impressions): a period
// shows the sum. Providers may report metrics not listed here; they are shown under their key.

export type MetricKind = "level" | "flow";
export type MetricInfo = { key: string; label: string; kind: MetricKind };

const CATALOGUE: MetricInfo[] = [
  { key: "followers", label: "Followers", kind: "level" },
  { key: "following", label: "Following", kind: "level" },
  { key: "posts_total", label: "Posts (all time)", kind: "level" },
  { key: "statuses", label: "Posts (all time)", kind: "level" },
  { key: "impressions", label: "Impressions", kind: "flow" },
  { key: "engagements", label: "Engagements", kind: "flow" },
  { key: "likes", label: "Likes", kind: "flow" },
  { key: "reposts", label: "Reposts", kind: "flow" },
  { key: "replies", label: "Replies", kind: "flow" },
  { key: "quotes", label: "Quotes", kind: "flow" },
  { key: "bookmarks", label: "Bookmarks", kind: "flow" },
  { key: "comments", label: "Comments", kind: "flow" },
  { key: "clicks", label: "Clicks", kind: "flow" },
  { key: "views", label: "Views", kind: "flow" },
  { key: "page_views", label: "Page views", kind: "flow" },
  { key: "follower_gains", label: "New followers", kind: "flow" },
  { key: "unique_impressions", label: "Unique impressions", kind: "flow" },
  { key: "posts", label: "Posts on the platform", kind: "flow" },
];
const BY_KEY = new Map(CATALOGUE.map((m) => [m.key, m]));

export function metricInfo(key: string): MetricInfo {
  return BY_KEY.get(key) ?? { key, label: key.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()), kind: "flow" };
}

/** The order metrics are shown in: the catalogue's, then unknown ones alphabetically. */
export function metricOrder(a: string, b: string): number {
  const ia = CATALOGUE.findIndex((m) => m.key === a);
  const ib = CATALOGUE.findIndex((m) => m.key === b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
  return a.localeCompare(b);
}

/** What the overview compares across every channel; "posts published" comes from our own records. */
export const HEADLINE_METRICS = ["followers", "impressions", "engagements"] as const;
export const POSTS_PUBLISHED = "posts_published";
