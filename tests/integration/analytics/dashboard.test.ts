import { beforeAll, describe, expect, it } from "vitest";
import { channelAnalytics } from "@/lib/analytics/channel";
import { analyticsOverview } from "@/lib/analytics/overview";
import { postAnalytics } from "@/lib/analytics/post";
import { publishingRecords } from "@/lib/analytics/records";
import { storeAccountMetrics, storePostMetrics } from "@/lib/analytics/store";
import { db } from "@/lib/db/client";
import { addDays } from "@/lib/time/zone";
import { makeOwner } from "../../helpers/factories";

// The dashboards' data functions on real Postgres: figures and changes computed from the stored
// rows only, days in the user's zone, and nothing of another organization.
const NY = "America/New_York";
const week = { from: "2026-10-08", to: "2026-10-14" };
let owner: Awaited<ReturnType<typeof makeOwner>>;
let other: Awaited<ReturnType<typeof makeOwner>>;
let a: string;
let b: string;

async function channel(organizationId: string, provider: string, name: string) {
  return (await db.integration.create({ data: { organizationId, provider, internalId: `${name}-id`, name, status: "active" } })).id;
}
async function target(
  organizationId: string,
  integrationId: string,
  status: "published" | "failed" | "unconfirmed",
  at: string,
  extra: object = {},
) {
  const post = await db.post.create({
    data: {
      organizationId,
      publishAt: new Date(at),
      targets: {
        create: {
          organizationId,
          integrationId,
          status,
          items: [{ text: `post at ${at}` }],
          publishedAt: status === "published" ? new Date(at) : null,
          results: status === "published" ? [{ id: `p-${at}`, url: `https://example.test/${at}` }] : undefined,
          ...extra,
        },
      },
    },
    include: { targets: true },
  });
  return post.targets[0]!.id;
}

beforeAll(async () => {
  owner = await makeOwner("dash");
  other = await makeOwner("dash-other");
  a = await channel(owner.organizationId, "x", "Alpha");
  b = await channel(owner.organizationId, "mastodon", "Beta");
  const days = Array.from({ length: 14 }, (_, i) => addDays("2026-10-01", i));
  await storeAccountMetrics(owner.organizationId, a, [
    ...days.map((day) => ({ metric: "impressions", day, value: 10 })),
    { metric: "followers", day: "2026-10-07", value: 100 },
    { metric: "followers", day: "2026-10-14", value: 120 },
  ]);
  await storeAccountMetrics(
    owner.organizationId,
    b,
    days.slice(7).map((day) => ({ metric: "impressions", day, value: 5 })),
  );
  // 23:30 on the 7th in New York (previous period), and 00:30 on the 8th (this period).
  await target(owner.organizationId, a, "published", "2026-10-08T03:30:00Z");
  const counted = await target(owner.organizationId, a, "published", "2026-10-08T04:30:00Z");
  await storePostMetrics({ organizationId: owner.organizationId, channelId: a, targetId: counted, platformPostId: "p1" }, "2026-10-09", {
    likes: 3,
    impressions: 50,
  });
  await storePostMetrics({ organizationId: owner.organizationId, channelId: a, targetId: counted, platformPostId: "p1" }, "2026-10-10", {
    likes: 7,
    impressions: 80,
  });
  await target(owner.organizationId, b, "failed", "2026-10-09T15:00:00Z", {
    errorKind: "bad-body",
    errorMessage: "Text character limit of 500 exceeded",
  });
  await target(owner.organizationId, b, "unconfirmed", "2026-10-10T15:00:00Z");
  await target(owner.organizationId, b, "published", "2026-10-12T15:00:00Z");
});

describe("analytics overview", () => {
  it("compares each figure with the previous equal period, from the data only", async () => {
    const o = await analyticsOverview(owner, { period: week, timeZone: NY });
    expect(o.previous).toEqual({ from: "2026-10-01", to: "2026-10-07" });
    const alpha = o.channels.find((c) => c.id === a)!;
    const beta = o.channels.find((c) => c.id === b)!;
    expect(alpha.figures.impressions).toEqual({ current: 70, previous: 70, change: { kind: "same" } });
    expect(alpha.figures.followers).toEqual({ current: 120, previous: 100, change: { kind: "percent", value: 20 } });
    expect(alpha.figures.engagements).toEqual({ current: null, previous: null, change: { kind: "no-data" } });
    expect(alpha.figures.posts_published).toEqual({ current: 1, previous: 1, change: { kind: "same" } });
    // Beta has no impressions before this week: no baseline, so no comparison, for it or the total.
    expect(beta.figures.impressions).toEqual({ current: 35, previous: null, change: { kind: "no-data" } });
    const totals = Object.fromEntries(o.totals.map((t) => [t.metric, t.figure]));
    expect(totals.impressions).toEqual({ current: 105, previous: null, change: { kind: "no-data" } });
    expect(totals.posts_published).toEqual({ current: 2, previous: 1, change: { kind: "percent", value: 100 } });
    expect(o.series).toHaveLength(7);
    expect(o.series[0]).toEqual({ day: "2026-10-08", impressions: 15, engagements: null, posts_published: 1 });
  });

  it("shows nothing of another organization", async () => {
    const o = await analyticsOverview(other, { period: week, timeZone: NY });
    expect(o.channels).toEqual([]);
    expect(o.totals.find((t) => t.metric === "impressions")!.figure.current).toBeNull();
    await expect(channelAnalytics(other, a, { period: week, timeZone: NY })).rejects.toMatchObject({ status: 404 });
    const { targetId } = (await channelAnalytics(owner, a, { period: week, timeZone: NY })).posts[0]!;
    await expect(postAnalytics(other, targetId)).rejects.toMatchObject({ status: 404 });
  });
});

describe("days across a DST change", () => {
  it("counts posts in the New York day they were published, in the week clocks sprang forward", async () => {
    const org = await makeOwner("dash-dst");
    const ch = await channel(org.organizationId, "x", "Dst");
    for (const at of [
      "2026-03-08T04:30:00Z", // 23:30 EST on the 7th
      "2026-03-08T06:30:00Z", // 01:30 EST on the 8th
      "2026-03-08T07:30:00Z", // 03:30 EDT on the 8th (02:00-03:00 never happened)
      "2026-03-09T03:30:00Z", // 23:30 EDT on the 8th
      "2026-03-09T04:30:00Z", // 00:30 EDT on the 9th
    ])
      await target(org.organizationId, ch, "published", at);
    const o = await analyticsOverview(org, { period: { from: "2026-03-07", to: "2026-03-09" }, timeZone: NY });
    expect(o.series.map((d) => [d.day, d.posts_published])).toEqual([
      ["2026-03-07", 1],
      ["2026-03-08", 3],
      ["2026-03-09", 1],
    ]);
    const r = await publishingRecords(org, { period: { from: "2026-03-07", to: "2026-03-09" }, timeZone: NY });
    expect(r.weeks).toEqual(["2026-03-02", "2026-03-09"]); // Saturday and Sunday, then Monday
    expect(r.channels[0]!.perWeek).toEqual([4, 1]);
  });
});

describe("channel analytics", () => {
  it("gives every day of the period, null where nothing was collected, and the posts' latest counters", async () => {
    const c = await channelAnalytics(owner, a, { period: week, timeZone: NY });
    expect(c.metrics.map((m) => m.metric)).toEqual(["followers", "impressions"]);
    const followers = c.metrics[0]!;
    expect(followers.points).toHaveLength(7);
    expect(followers.points.filter((p) => p.value !== null)).toEqual([{ day: "2026-10-14", value: 120 }]);
    expect(c.posts).toHaveLength(1);
    expect(c.posts[0]).toMatchObject({
      figures: { likes: 7, impressions: 80 },
      collectedOn: "2026-10-10",
      url: "https://example.test/2026-10-08T04:30:00Z",
    });
    expect(c.postMetrics).toEqual(["impressions", "likes"]);
    const detail = await postAnalytics(owner, c.posts[0]!.targetId);
    expect(detail.series.find((s) => s.metric === "likes")!.points).toEqual([
      { day: "2026-10-09", value: 3 },
      { day: "2026-10-10", value: 7 },
    ]);
  });
});

describe("publishing records", () => {
  it("counts posts per channel per week in the zone, the success rate and failures by reason", async () => {
    const r = await publishingRecords(owner, { period: week, timeZone: NY });
    expect(r.weeks).toEqual(["2026-10-05", "2026-10-12"]);
    expect(r.totals).toEqual({ published: 2, failed: 1, unconfirmed: 1, successRate: 50 });
    expect(r.channels.find((c) => c.id === a)).toMatchObject({ perWeek: [1, 0], published: 1 });
    expect(r.channels.find((c) => c.id === b)).toMatchObject({ perWeek: [0, 1], published: 1, failed: 2 });
    expect(r.failures).toEqual([
      { reason: "bad-body", label: "Refused by the platform", count: 1, example: "Text character limit of 500 exceeded" },
      { reason: "unconfirmed", label: "Unconfirmed (the platform's answer was lost)", count: 1, example: null },
    ]);
  });
});
