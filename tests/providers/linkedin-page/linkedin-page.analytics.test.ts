import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";
import type { ProviderError } from "@/providers/core/errors";
import { DEFAULT_LINKEDIN_VERSION } from "@/providers/linkedin/linkedin.api";
import { channelFor, connect } from "@/tests/helpers/platforms/linkedin";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import { OUTSIDER_ORG } from "@/emulator/platforms/linkedin-page/orgs";
import emulatorModule from "@/emulator/platforms/linkedin-page";
import { LinkedInPageProvider } from "@/providers/linkedin-page/linkedin-page.provider";

// LinkedIn Page statistics at the provider seam, against the emulator's documented answers.

const provider = new LinkedInPageProvider();
let emu: Emulator;
let channel: ChannelAccess;
let token: string;
const DAY = 86_400_000;

beforeAll(async () => {
  emu = await useEmulator([emulatorModule]);
  const member = await connect(emu, provider, { username: "stats_grace" });
  token = member.accessToken;
  const [page] = await provider.pages(channelFor(member));
  channel = channelFor(member, page!.id);
});
afterAll(() => emu.stop());

const get = (path: string) =>
  fetch(`${emu.url}/linkedin-page${path}`, {
    headers: { authorization: `Bearer ${token}`, "LinkedIn-Version": DEFAULT_LINKEDIN_VERSION, "X-Restli-Protocol-Version": "2.0.0" },
  });

describe("LinkedIn Page analytics", () => {
  it("collects daily share statistics, gains, page views and followers over the range", async () => {
    const to = new Date();
    const { points, gaps } = await provider.analytics(channel, { from: new Date(to.getTime() - 13 * DAY), to });
    expect(gaps).toEqual([]);
    const days = (m: string) => points.filter((p) => p.metric === m).map((p) => p.day);
    expect(days("impressions")).toHaveLength(14);
    expect(days("page_views").length).toBeGreaterThanOrEqual(13);
    expect(days("follower_gains").length).toBeGreaterThanOrEqual(13);
    expect(days("followers").length).toBeGreaterThanOrEqual(13);
    expect(new Set(days("followers")).size).toBe(days("followers").length);
  });

  it("answers share statistics per DAY in LinkedIn's shape, and refuses a malformed timeIntervals", async () => {
    const org = encodeURIComponent(`urn:li:organization:${channel.internalId}`);
    const start = Math.floor(Date.now() / DAY) * DAY - 10 * DAY;
    const res = await get(
      `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${org}&timeIntervals=(timeRange:(start:${start},end:${start + 2 * DAY}),timeGranularityType:DAY)`,
    );
    const body = await res.json();
    expect(body.elements).toHaveLength(2);
    expect(body.elements[0]).toMatchObject({
      timeRange: { start, end: start + DAY },
      totalShareStatistics: { impressionCount: expect.any(Number), engagement: expect.any(Number) },
    });
    const bad = await get(
      `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${org}&timeIntervals=last-week`,
    );
    expect(bad.status).toBe(400);
  });

  it("refuses the statistics of a page the member does not administer with LinkedIn's 403 (the account, not one statistic)", async () => {
    const err = (await provider
      .analytics({ ...channel, internalId: OUTSIDER_ORG.id }, { from: new Date(Date.now() - DAY), to: new Date() })
      .catch((e) => e)) as ProviderError;
    expect(err.details.status).toBe(403);
    expect(err.message).toMatch(/Not enough permissions/);
  });

  it("reads a post's likes and comments from socialActions", async () => {
    const made = await provider.post(channel, { text: "count me" }, { visibility: "PUBLIC" });
    expect(await provider.postAnalytics(channel, made.id)).toEqual({
      likes: expect.any(Number),
      comments: 0,
      engagements: expect.any(Number),
    });
  });

  it("an expired token is a refresh-token answer", async () => {
    await injectFault(emu, { platform: "linkedin-page", route: "stats", kind: "expired-token" });
    const err = (await provider.analytics(channel, { from: new Date(Date.now() - DAY), to: new Date() }).catch((e) => e)) as ProviderError;
    expect(err.kind).toBe("refresh-token");
  });
});
