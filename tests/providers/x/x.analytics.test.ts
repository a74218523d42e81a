import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { followersOn } from "@/emulator/kit/metrics";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";
import { snapshotDay } from "@/providers/core/analytics";
import type { ProviderError } from "@/providers/core/errors";
import { postFigures, X_POST_METRICS } from "@/providers/x/x.analytics";
import xEmulator from "@/emulator/platforms/x";
import { XProvider } from "@/providers/x/x.provider";
import { connectX } from "@/tests/helpers/platforms/x";

// X analytics at the provider seam: the documented public_metrics shapes (both spellings), the
// emulator's answers, and a rate limit handed back with X's reset time instead of being slept.

const x = new XProvider();
let emu: Emulator;
let channel: Awaited<ReturnType<typeof connectX>>["channel"];
let userId: string;

beforeAll(async () => {
  emu = await useEmulator([xEmulator]);
  const c = await connectX(emu, x, "metrics_x");
  userId = c.auth.id;
  channel = { ...c.channel, internalId: c.auth.id };
});
afterAll(async () => {
  await emu.stop();
});

describe("X analytics", () => {
  it("reads public_metrics with retweet_count or the 2026 repost_count, and sums engagements", () => {
    expect(
      postFigures({ retweet_count: 2, reply_count: 1, like_count: 5, quote_count: 1, bookmark_count: 1, impression_count: 90 }),
    ).toEqual({ impressions: 90, likes: 5, reposts: 2, replies: 1, quotes: 1, bookmarks: 1, engagements: 10 });
    expect(postFigures({ repost_count: 4 }).reposts).toBe(4);
    expect(postFigures(undefined).engagements).toBe(0);
  });

  it("answers /2/users/me public_metrics and a post's public_metrics as X documents them", async () => {
    const me = await (
      await fetch(`${emu.url}/x/2/users/me?user.fields=public_metrics`, { headers: { authorization: `Bearer ${channel.accessToken}` } })
    ).json();
    expect(me.data.public_metrics).toEqual({
      followers_count: expect.any(Number),
      following_count: expect.any(Number),
      tweet_count: expect.any(Number),
      listed_count: expect.any(Number),
      like_count: expect.any(Number),
    });
    const made = await x.post(channel, { text: "count my likes" }, {});
    const figures = await x.postAnalytics(channel, made.id);
    expect(Object.keys(figures).sort()).toEqual(["bookmarks", "engagements", "impressions", "likes", "quotes", "replies", "reposts"]);
  });

  it("gives one point per day and metric over the range, and followers for today only", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 6 * 86_400_000);
    const { points, gaps } = await x.analytics(channel, { from, to });
    expect(gaps).toEqual([]);
    expect(points.filter((p) => p.metric === "impressions")).toHaveLength(7);
    const followers = points.filter((p) => p.metric === "followers");
    expect(followers).toEqual([{ metric: "followers", day: snapshotDay(to), value: followersOn(userId, to.toISOString().slice(0, 10)) }]);
  });

  it("hands a long rate limit back with X's reset time instead of sleeping through it, keeping the followers", async () => {
    await injectFault(emu, { platform: "x", route: "timeline", kind: "rate-limit", retryAfterSeconds: 600 });
    const started = Date.now();
    const { points, gaps } = await x.analytics(channel, { from: new Date(Date.now() - 86_400_000), to: new Date() }, { maxWaitMs: 1_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(gaps).toEqual([
      { what: "post metrics", metrics: X_POST_METRICS, reason: "Too Many Requests", kind: "unavailable", retryAfterMs: expect.any(Number) },
    ]);
    expect(gaps[0]!.retryAfterMs).toBeGreaterThan(590_000);
    expect(points.map((p) => p.metric)).toEqual(["followers", "following"]);
  });

  it("keeps the post metrics when the follower count is refused, and the followers when the timeline is", async () => {
    await injectFault(emu, { platform: "x", route: "profile", kind: "missing-scope" });
    const a = await x.analytics(channel, { from: new Date(Date.now() - 86_400_000), to: new Date() });
    expect(a.gaps).toEqual([
      {
        what: "follower counts",
        metrics: ["followers", "following"],
        reason: "You are not permitted to perform this action.",
        kind: "unavailable",
      },
    ]);
    expect(a.points.filter((p) => p.metric === "impressions")).toHaveLength(2);
    expect(a.points.some((p) => p.metric === "followers")).toBe(false);

    await injectFault(emu, { platform: "x", route: "timeline", kind: "missing-scope" });
    const b = await x.analytics(channel, { from: new Date(Date.now() - 86_400_000), to: new Date() });
    expect(b.gaps.map((g) => g.what)).toEqual(["post metrics"]);
    expect(b.points.map((p) => p.metric)).toEqual(["followers", "following"]);
  });

  it("an expired token still ends the collection (it is the account, not one endpoint)", async () => {
    await injectFault(emu, { platform: "x", route: "timeline", kind: "expired-token" });
    const err = (await x.analytics(channel, { from: new Date(Date.now() - 86_400_000), to: new Date() }).catch((e) => e)) as ProviderError;
    expect(err.kind).toBe("refresh-token");
  });
});
