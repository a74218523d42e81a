import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Emulator } from "@/emulator/server";
import { runCollection } from "@/lib/analytics/run";
import type { Overview } from "@/lib/analytics/overview";
import type { CollectionStatus } from "@/lib/analytics/state";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/pool";
import { resolveOrgContext, type OrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { X_POST_METRICS } from "@/providers/x/x.analytics";
import { connectEmulated } from "../../helpers/channels";
import { injectFault, useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase } from "../../helpers/publishing";

// Partial analytics end to end, against the emulator answering X's documented errors for one
// endpoint while the other succeeds: what could be read is stored, the gap is recorded with its
// reason, and the overview API (the route handler) explains the missing figure instead of a bare
// "no data"; the status API never reads "done" beside a gap.
const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
vi.mock("@/lib/auth/current", () => ({ currentContext: async () => session.ctx }));
const { GET: overviewRoute } = await import("@/app/api/analytics/route");
const { GET: statusRoute } = await import("@/app/api/analytics/status/route");

ownDatabase();
let emu: Emulator;
let owner: OrgContext;

beforeAll(async () => {
  emu = await useEmulator();
  owner = await makeOwner("partial-analytics");
  session.ctx = await resolveOrgContext(owner.userId, owner.organizationId);
}, 60_000);
afterAll(async () => {
  await emu?.stop();
});
beforeEach(() => {
  emu.state.faults = [];
});

const req = (url: string) => new NextRequest(`http://localhost${url}`);
const params = { params: Promise.resolve({}) };
const metricsOf = async (channelId: string) =>
  (
    await sql<{ metric: string }>(`SELECT DISTINCT metric FROM metric_samples WHERE integration_id = $1 ORDER BY metric`, [channelId])
  ).rows.map((r) => r.metric);
async function overview(): Promise<Overview> {
  const res = await overviewRoute(req("/api/analytics?range=7"), params);
  expect(res.status).toBe(200);
  return (await res.json()) as Overview;
}
async function status(channelId: string): Promise<CollectionStatus> {
  const res = await statusRoute(req("/api/analytics/status"), params);
  return ((await res.json()) as { channels: CollectionStatus[] }).channels.find((c) => c.channelId === channelId)!;
}

describe("partial analytics", () => {
  it("X refuses the timeline (403): followers are stored, the gap is recorded, and the overview says why impressions are missing", async () => {
    const channel = await connectEmulated(owner, emu, "x", "partial_x");
    await injectFault(emu, { platform: "x", route: "timeline", kind: "missing-scope" });
    const outcome = await runCollection(channel);
    expect(outcome.kind).toBe("partial");

    expect(await metricsOf(channel)).toEqual(["followers", "following"]);
    const row = await db.analyticsCollection.findUniqueOrThrow({ where: { integrationId: channel } });
    expect(row.state).toBe("partial");
    expect(row.gaps).toEqual([
      { what: "post metrics", metrics: X_POST_METRICS, reason: "You are not permitted to perform this action.", kind: "unavailable" },
    ]);
    expect(row.message).toBe(
      "2 account figure(s), 0 post(s) stored; post metrics unavailable: You are not permitted to perform this action.",
    );

    const o = await overview();
    const c = o.channels.find((x) => x.id === channel)!;
    expect(c.figures.followers!.current).toEqual(expect.any(Number));
    expect(c.figures.impressions!.current).toBeNull();
    expect(c.collection).toEqual({
      state: "partial",
      retryAt: null,
      problems: ["post metrics unavailable: You are not permitted to perform this action."],
    });
    expect(c.missing).toEqual({
      impressions: "post metrics unavailable: You are not permitted to perform this action.",
      engagements: "post metrics unavailable: You are not permitted to perform this action.",
    });
    expect((await status(channel)).state).toBe("partial");

    // The next complete collection clears the gap.
    expect((await runCollection(channel)).kind).toBe("done");
    const again = (await overview()).channels.find((x) => x.id === channel)!;
    expect(again.collection.problems).toEqual([]);
    expect(again.missing).toEqual({});
    expect(await status(channel)).toMatchObject({ state: "done", gaps: [] });
  });

  it("X's timeline keeps failing with 503: followers are stored and the collection waits to try again, saying why", async () => {
    const channel = await connectEmulated(owner, emu, "x", "outage_x");
    await injectFault(emu, { platform: "x", route: "timeline", kind: "server-error", times: 20 });
    const outcome = await runCollection(channel);
    expect(outcome.kind).toBe("retry");
    expect(await metricsOf(channel)).toEqual(["followers", "following"]);

    const s = await status(channel);
    expect(s.state).toBe("waiting");
    expect(s.retryAt).not.toBeNull();
    expect(s.gaps).toEqual([
      {
        what: "post metrics",
        metrics: X_POST_METRICS,
        reason: "Service Unavailable",
        kind: "unavailable",
        retryAfterMs: expect.any(Number),
      },
    ]);
    const c = (await overview()).channels.find((x) => x.id === channel)!;
    expect(c.collection.state).toBe("waiting");
    expect(c.collection.problems).toEqual(["post metrics unavailable: Service Unavailable"]);
    expect(c.missing.impressions).toBe("post metrics unavailable: Service Unavailable");
  });

  it("X refuses the follower count: the post metrics are stored and followers are explained", async () => {
    const channel = await connectEmulated(owner, emu, "x", "nofollow_x");
    await injectFault(emu, { platform: "x", route: "profile", kind: "missing-scope" });
    expect((await runCollection(channel)).kind).toBe("partial");
    const stored = await metricsOf(channel);
    expect(stored).toEqual(expect.arrayContaining(["impressions", "engagements", "likes"]));
    expect(stored).not.toContain("followers");
    const c = (await overview()).channels.find((x) => x.id === channel)!;
    expect(c.missing).toEqual({ followers: "follower counts unavailable: You are not permitted to perform this action." });
    expect(c.figures.impressions!.current).toEqual(expect.any(Number));
  });
});
