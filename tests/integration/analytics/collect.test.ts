import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { dayOf, followersOn } from "@/emulator/kit/metrics";
import { runCollection } from "@/lib/analytics/run";
import { requestCollection } from "@/lib/queue/collection-request";
import { startAnalyticsWorker } from "@/lib/analytics/worker";
import { withPlatformSlot } from "@/lib/analytics/slots";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/pool";
import { snapshotDay } from "@/providers/core/analytics";
import { tweetPublicMetrics } from "@/emulator/platforms/x/metrics";
import { publishedTarget, seedHistory } from "../../helpers/analytics";
import { completeConnect, startConnect } from "@/lib/channels/connect";
import { listPages, pickPage } from "@/lib/channels/pages";
import { connectEmulated } from "../../helpers/channels";
import { authorizeInEmulator, injectFault, useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, waitFor } from "../../helpers/publishing";

// Collection against the emulator, real Postgres: backfill, post metrics, idempotent re-runs, a
// rate limit that reschedules instead of sleeping, and an expired token refreshed on the way.
ownDatabase();
let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const ch: Record<string, string> = {};

beforeAll(async () => {
  emu = await useEmulator();
  owner = await makeOwner("analytics");
  ch.x = await connectEmulated(owner, emu, "x", "stats_x");
  ch.mastodon = await connectEmulated(owner, emu, "mastodon", "stats_masto");
  ch.bluesky = await connectEmulated(owner, emu, "bluesky", "statsky");
  ch.linkedin = await connectEmulated(owner, emu, "linkedin", "stats_li");
  // A LinkedIn page: sign in as the member, then pick the first organization they administer.
  const url = await startConnect(owner, "linkedin-page", "http://127.0.0.1:5555");
  const back = await authorizeInEmulator(emu, url, { username: "stats_page" });
  const pending = await completeConnect(owner.userId, "linkedin-page", Object.fromEntries(back.searchParams));
  const [page] = await listPages(owner, pending.channelId);
  ch.page = (await pickPage(owner, pending.channelId, page!.id)).id;
  await seedHistory(emu, "x", "stats_x", 120);
}, 60_000);
afterAll(async () => {
  await emu?.stop();
});
beforeEach(() => {
  emu.state.faults = [];
});

async function samples(channelId: string) {
  return (
    await sql<{ metric: string; day: string; value: number }>(
      `SELECT metric, day::text AS day, value FROM metric_samples WHERE integration_id = $1 ORDER BY metric, day`,
      [channelId],
    )
  ).rows;
}
const collection = (channelId: string) => db.analyticsCollection.findUniqueOrThrow({ where: { integrationId: channelId } });

describe("collecting analytics", () => {
  it("backfills 90 days of X metrics summed from the account's posts, with followers today", async () => {
    const outcome = await runCollection(ch.x!);
    expect(outcome.kind).toBe("done");
    const rows = await samples(ch.x!);
    const impressions = rows.filter((r) => r.metric === "impressions");
    expect(impressions).toHaveLength(90);
    const today = new Date().toISOString().slice(0, 10);
    expect(impressions.at(-1)!.day).toBe(today);

    // Every day holds exactly what the emulator's posts of that day add up to.
    const account = emu.state.posts.find((p) => p.platform === "x" && p.text.startsWith("Emulated history"))!.accountId;
    const expected = new Map<string, number>();
    for (const p of emu.state.posts.filter((p) => p.platform === "x" && p.accountId === account)) {
      const day = dayOf(p.receivedAt);
      expected.set(day, (expected.get(day) ?? 0) + tweetPublicMetrics(emu.state, p).impression_count);
    }
    for (const r of impressions) expect(r.value, r.day).toBe(expected.get(r.day) ?? 0);
    expect(impressions.some((r) => r.value > 0)).toBe(true);
    // A current total is filed under the latest day begun everywhere (snapshotDay), read as of today.
    expect(rows.filter((r) => r.metric === "followers")).toEqual([
      { metric: "followers", day: snapshotDay(), value: followersOn(account, today) },
    ]);
    expect(await collection(ch.x!)).toMatchObject({ state: "done", succeededAt: expect.any(Date) });
  });

  it("collects the counters of posts published in the last 30 days, and re-collecting adds no rows", async () => {
    const { targetId, item } = await publishedTarget(owner.organizationId, ch.x!, "measure me");
    const first = await runCollection(ch.x!);
    expect(first).toMatchObject({ kind: "done", result: { posts: 1 } });
    const before = await sql(`SELECT metric, day, value FROM post_metric_samples WHERE target_id = $1 ORDER BY metric`, [targetId]);
    expect(before.rows.map((r) => r.metric)).toEqual(["bookmarks", "engagements", "impressions", "likes", "quotes", "replies", "reposts"]);
    expect(before.rows.every((r) => (r as { day: Date }).day instanceof Date)).toBe(true);
    expect(item.id).toBeTruthy();

    const count = async () =>
      Number(
        (await sql<{ n: string }>(`SELECT (SELECT count(*) FROM metric_samples) + (SELECT count(*) FROM post_metric_samples) AS n`))
          .rows[0]!.n,
      );
    const n = await count();
    const accountRows = await samples(ch.x!);
    expect((await runCollection(ch.x!)).kind).toBe("done");
    expect((await runCollection(ch.x!)).kind).toBe("done");
    expect(await count()).toBe(n);
    // History does not change: the same values come back.
    const again = await samples(ch.x!);
    expect(again.filter((r) => r.day < accountRows.at(-1)!.day && r.metric !== "followers")).toEqual(
      accountRows.filter((r) => r.day < accountRows.at(-1)!.day && r.metric !== "followers"),
    );
  });

  it("is rate limited: reschedules at the platform's reset time instead of waiting, then succeeds", async () => {
    await injectFault(emu, { platform: "x", route: "profile", kind: "rate-limit", retryAfterSeconds: 120 });
    const t0 = Date.now();
    const outcome = await runCollection(ch.x!);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(outcome.kind).toBe("retry");
    if (outcome.kind !== "retry") return;
    expect(outcome.at.getTime() - t0).toBeGreaterThan(100_000);
    expect(outcome.at.getTime() - t0).toBeLessThan(130_000);
    expect(await collection(ch.x!)).toMatchObject({ state: "waiting", retryAt: outcome.at });
    expect((await runCollection(ch.x!)).kind).toBe("done");
  });

  it("waits through a short rate limit in-process (Mastodon's X-RateLimit-Reset)", async () => {
    await injectFault(emu, { platform: "mastodon", route: "profile", kind: "rate-limit", retryAfterSeconds: 1 });
    expect((await runCollection(ch.mastodon!)).kind).toBe("done");
  });

  it("refreshes an expired token and carries on, as publishing does", async () => {
    const before = await db.integration.findUniqueOrThrow({ where: { id: ch.x! } });
    emu.state.expireTokens("x");
    expect((await runCollection(ch.x!)).kind).toBe("done");
    const after = await db.integration.findUniqueOrThrow({ where: { id: ch.x! } });
    expect(after.status).toBe("active");
    expect(after.accessToken).not.toBe(before.accessToken);
  });

  it("records Mastodon and Bluesky follower counts and post counters", async () => {
    const { targetId } = await publishedTarget(owner.organizationId, ch.mastodon!, "toot to measure");
    expect((await runCollection(ch.mastodon!)).kind).toBe("done");
    const masto = await samples(ch.mastodon!);
    const mastoAccount = emu.state.posts.find((p) => p.platform === "mastodon" && p.text === "toot to measure")!.accountId;
    const today = new Date().toISOString().slice(0, 10);
    expect(masto.find((r) => r.metric === "followers")).toEqual({
      metric: "followers",
      day: snapshotDay(),
      value: followersOn(mastoAccount, today),
    });
    const post = await sql(`SELECT metric FROM post_metric_samples WHERE target_id = $1 ORDER BY metric`, [targetId]);
    expect(post.rows.map((r) => r.metric)).toEqual(["engagements", "likes", "quotes", "replies", "reposts"]);

    await publishedTarget(owner.organizationId, ch.bluesky!, "skeet to measure");
    expect((await runCollection(ch.bluesky!)).kind).toBe("done");
    expect((await samples(ch.bluesky!)).map((r) => r.metric)).toEqual(["followers", "following", "posts_total"]);
  });

  it("collects a LinkedIn page's daily statistics with a follower history derived from its gains", async () => {
    expect((await runCollection(ch.page!)).kind).toBe("done");
    const rows = await samples(ch.page!);
    const orgId = (await db.integration.findUniqueOrThrow({ where: { id: ch.page! } })).internalId;
    const followers = rows.filter((r) => r.metric === "followers");
    expect(followers.length).toBeGreaterThanOrEqual(89); // today's only once today is over everywhere
    // The emulator's gains are the day-to-day differences of its follower curve, so deriving the
    // past from today's total and the gains must land on the curve itself.
    for (const f of followers) expect(f.value, f.day).toBe(followersOn(orgId, f.day));
    expect(followers.at(-1)!.day).toBe(snapshotDay());
    for (const m of ["impressions", "clicks", "likes", "comments", "reposts", "engagements", "page_views", "follower_gains"]) {
      expect(rows.filter((r) => r.metric === m).length, m).toBeGreaterThanOrEqual(89);
    }
    const day = rows.find((r) => r.metric === "impressions" && r.value > 0)!.day;
    const at = (m: string) => rows.find((r) => r.metric === m && r.day === day)!.value;
    expect(at("engagements")).toBe(at("clicks") + at("likes") + at("comments") + at("reposts"));
  });

  it("collects LinkedIn post likes and comments for a member and a page", async () => {
    const { targetId } = await publishedTarget(owner.organizationId, ch.linkedin!, "a LinkedIn post to measure");
    const outcome = await runCollection(ch.linkedin!);
    expect(outcome).toMatchObject({ kind: "done", result: { accountPoints: 0, posts: 1 } });
    const post = await sql(`SELECT metric, value FROM post_metric_samples WHERE target_id = $1 ORDER BY metric`, [targetId]);
    expect(post.rows.map((r) => r.metric)).toEqual(["comments", "engagements", "likes"]);
    await publishedTarget(owner.organizationId, ch.page!, "a page post to measure");
    expect(await runCollection(ch.page!)).toMatchObject({ kind: "done", result: { posts: 1 } });
  });

  it("a refused token fails the collection with the reason and flags the channel", async () => {
    await injectFault(emu, { platform: "mastodon", route: "profile", kind: "expired-token" });
    const outcome = await runCollection(ch.mastodon!);
    expect(outcome.kind).toBe("failed");
    expect((await collection(ch.mastodon!)).message).toMatch(/renew|reconnect/i);
    expect((await db.integration.findUniqueOrThrow({ where: { id: ch.mastodon! } })).status).toBe("refresh_needed");
  });

  it("collects through the worker when asked (refresh now), with progress in the collection row", async () => {
    const worker = await startAnalyticsWorker();
    try {
      const before = (await collection(ch.bluesky!)).succeededAt!;
      expect(await requestCollection(owner.organizationId, [ch.bluesky!])).toBe(1);
      const done = await waitFor("the collection to finish", async () => {
        const c = await collection(ch.bluesky!);
        return c.state === "done" && c.succeededAt! > before && c;
      });
      expect(done.total).toBeGreaterThan(0);
      expect(done.done).toBe(done.total);
    } finally {
      await worker.stop();
    }
  });

  it("waits while every place of the platform is taken, then collects", async () => {
    const worker = await startAnalyticsWorker();
    try {
      const before = (await collection(ch.bluesky!)).succeededAt!;
      // Bluesky allows 2 at once: hold both places, as two other workers would.
      await withPlatformSlot("bluesky", 2, () =>
        withPlatformSlot("bluesky", 2, async () => {
          await requestCollection(owner.organizationId, [ch.bluesky!]);
          await waitFor("the job to find no free place", async () =>
            (await collection(ch.bluesky!)).step?.includes("waiting for a free Bluesky place"),
          );
          expect((await collection(ch.bluesky!)).state).toBe("queued");
        }),
      );
      await waitFor(
        "the collection once a place is free",
        async () => {
          const c = await collection(ch.bluesky!);
          return c.state === "done" && c.succeededAt! > before;
        },
        20_000,
      );
    } finally {
      await worker.stop();
    }
  });

  it("holds a platform's concurrency limit across callers", async () => {
    let inner: unknown;
    const outer = await withPlatformSlot("test-group", 1, async () => {
      inner = await withPlatformSlot("test-group", 1, async () => "ran");
      return "outer";
    });
    expect(outer).toEqual({ ran: true, value: "outer" });
    expect(inner).toEqual({ ran: false });
  });
});
