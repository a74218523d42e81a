import { describe as group, expect, it } from "vitest";
import { describe, refreshSummary } from "@/components/analytics/refresh-button";
import { collectionProblems, missingReasons } from "@/lib/analytics/gaps";
import type { CollectionStatus } from "@/lib/analytics/state";
import { mastodonAccountAnalytics, mastodonPostAnalytics } from "@/providers/mastodon/mastodon.analytics";
import type { SocialAbstract } from "@/providers/social.abstract";

// Tolerant parsing (a missing count is unknown, not an error) and how gaps read on the dashboard.

const answering = (body: unknown) => ({ fetchJson: async () => body }) as unknown as SocialAbstract;
const channel = { id: "c", internalId: "1", instanceUrl: "https://masto.example", accessToken: "t" };
const status = (s: Partial<CollectionStatus>): CollectionStatus => ({
  channelId: "c",
  state: "done",
  step: null,
  done: 0,
  total: 0,
  message: null,
  retryAt: null,
  succeededAt: null,
  gaps: [],
  ...s,
});

group("Mastodon counts", () => {
  it("stores the counts a server sends and records the one it leaves out as unknown", async () => {
    const { points, gaps } = await mastodonAccountAnalytics(answering({ id: "1", following_count: 3, statuses_count: 12 }), channel);
    expect(points.map((p) => [p.metric, p.value])).toEqual([
      ["following", 3],
      ["statuses", 12],
    ]);
    expect(gaps).toEqual([
      { what: "followers", metrics: ["followers"], reason: "the server did not report followers_count", kind: "unknown" },
    ]);
  });

  it("treats a count of the wrong type as unknown rather than failing", async () => {
    const { points, gaps } = await mastodonAccountAnalytics(
      answering({ followers_count: "many", following_count: 1, statuses_count: 2 }),
      channel,
    );
    expect(points.map((p) => p.metric)).toEqual(["following", "statuses"]);
    expect(gaps.map((g) => g.what)).toEqual(["followers"]);
  });

  it("leaves a status's missing counter out instead of failing", async () => {
    expect(await mastodonPostAnalytics(answering({ id: "9", replies_count: 1, favourites_count: 4 }), channel, "9")).toEqual({
      likes: 4,
      replies: 1,
      engagements: 5,
    });
  });
});

group("gaps on the dashboard", () => {
  const gap = { what: "post metrics", metrics: ["impressions", "engagements"], reason: "Forbidden", kind: "unavailable" as const };

  it("says what is missing and why", () => {
    expect(collectionProblems(status({ state: "partial", gaps: [gap] }))).toEqual(["post metrics unavailable: Forbidden"]);
    expect(collectionProblems(status({ state: "failed", message: "Unauthorized" }))).toEqual(["collection failed: Unauthorized"]);
    expect(collectionProblems(status({}))).toEqual([]);
    expect(missingReasons(status({ state: "partial", gaps: [gap] }), ["followers", "impressions"])).toEqual({
      impressions: "post metrics unavailable: Forbidden",
    });
  });

  it("never reads 'Up to date' beside a failure or a gap", () => {
    expect(refreshSummary([{ state: "done" }, { state: "done" }])).toBe("Up to date");
    expect(refreshSummary([{ state: "done" }, { state: "partial" }])).toBe("Finished with problems on 1 of 2 channel(s)");
    expect(refreshSummary([{ state: "failed" }])).toBe("Finished with problems on 1 of 1 channel(s)");
    expect(refreshSummary([{ state: "waiting" }])).toBe("Finished with problems on 1 of 1 channel(s)");
    expect(refreshSummary([{ state: "running" }, { state: "done" }])).toBe("Collecting: 1 of 2 channel(s) done");
    expect(describe(status({ state: "partial", gaps: [gap] }))).toBe("post metrics unavailable: Forbidden");
  });
});
