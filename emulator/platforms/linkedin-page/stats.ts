import { isAnswer } from "@/emulator/kit/access";
import { dailyFigure, dayOf, followersOn } from "@/emulator/kit/metrics";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { accessDenied, collection, liError, restCall } from "../linkedin/common";
import { administeredOrgs } from "./orgs";

// Organization statistics (fact sheet §5), deterministic per page and day (emulator/kit/metrics.ts):
// share statistics, follower gains and page views per DAY over timeIntervals, and the follower
// total from networkSizes. Only an administrator of the page with rw_organization_admin may read
// them; anyone else gets the documented 403.

const DAY_MS = 86_400_000;
const INTERVALS = /^\(timeRange:\(start:(\d+),end:(\d+)\),timeGranularityType:DAY\)$/;

type Ok = { orgId: string; days: { start: number; day: string }[] | null };

function checked(state: EmulatorState, platform: string, req: EmuRequest, param: string, finder: string): Ok | EmuResponse {
  const grant = restCall(state, platform, req);
  if (isAnswer(grant)) return grant;
  if (req.query.get("q") !== finder) return liError(400, "BAD_REQUEST", `Unsupported finder; expected q=${finder}`);
  const urn = req.query.get(param) ?? "";
  const orgId = /^urn:li:organization:(\d+)$/.exec(urn)?.[1];
  if (!orgId) return liError(400, "BAD_REQUEST", `${param} must be an organization URN, got "${urn}"`);
  const admin = administeredOrgs(state, platform, grant.accountId).some((o) => o.id === orgId);
  if (!admin || !(grant.scopes.includes("rw_organization_admin") || grant.scopes.includes("r_organization_admin"))) {
    return accessDenied(`statistics of ${urn} (an ADMINISTRATOR role and rw_organization_admin are required)`);
  }
  const raw = req.query.get("timeIntervals");
  if (raw === null) return { orgId, days: null };
  const m = INTERVALS.exec(raw);
  if (!m) return liError(400, "BAD_REQUEST", "timeIntervals must be (timeRange:(start:<ms>,end:<ms>),timeGranularityType:DAY)");
  const start = Math.floor(Number(m[1]) / DAY_MS) * DAY_MS;
  const end = Number(m[2]);
  if (end <= start) return liError(400, "BAD_REQUEST", "timeRange end must be after start");
  // Statistics cover a rolling 12 months.
  if (start < Date.now() - 366 * DAY_MS) return liError(400, "BAD_REQUEST", "timeRange start must be within the last 12 months");
  const days: Ok["days"] = [];
  for (let t = start; t < end && t <= Date.now(); t += DAY_MS) days.push({ start: t, day: dayOf(t) });
  return { orgId, days };
}

const isOk = (x: Ok | EmuResponse): x is Ok => "orgId" in x;
const range = (start: number) => ({ start, end: start + DAY_MS });
/** The day's net gain (unfollows included), so the gains always add up to the follower curve. */
const gainOn = (orgId: string, day: string) => followersOn(orgId, day) - followersOn(orgId, dayOf(Date.parse(`${day}T00:00:00Z`) - DAY_MS));

function shareStats(orgId: string, day: string) {
  const f = (m: string, mean: number) => dailyFigure(orgId, m, day, mean);
  const impressionCount = f("impressions", 1200);
  const clickCount = f("clicks", 30), likeCount = f("likes", 25), commentCount = f("comments", 4), shareCount = f("shares", 3);
  return {
    impressionCount, uniqueImpressionsCount: Math.round(impressionCount * 0.7), clickCount, likeCount, commentCount, shareCount,
    engagement: impressionCount ? (clickCount + likeCount + commentCount + shareCount) / impressionCount : 0,
  };
}

export function statisticsRoutes(state: EmulatorState, platform: string): Route[] {
  const entity = (orgId: string) => `urn:li:organization:${orgId}`;
  return [
    {
      method: "GET", path: "/rest/organizationalEntityShareStatistics", name: "stats",
      handle(req) {
        const ok = checked(state, platform, req, "organizationalEntity", "organizationalEntity");
        if (!isOk(ok)) return ok;
        const elements = ok.days === null
          ? [{ organizationalEntity: entity(ok.orgId), totalShareStatistics: shareStats(ok.orgId, "lifetime") }]
          : ok.days.map((d) => ({ organizationalEntity: entity(ok.orgId), timeRange: range(d.start), totalShareStatistics: shareStats(ok.orgId, d.day) }));
        return collection(elements);
      },
    },
    {
      method: "GET", path: "/rest/organizationalEntityFollowerStatistics", name: "stats",
      handle(req) {
        const ok = checked(state, platform, req, "organizationalEntity", "organizationalEntity");
        if (!isOk(ok)) return ok;
        // Without timeIntervals LinkedIn answers lifetime demographics instead of gains.
        const elements = ok.days === null
          ? [{ organizationalEntity: entity(ok.orgId), followerCountsByFunction: [], followerCountsBySeniority: [], followerCountsByIndustry: [] }]
          : ok.days.map((d) => ({ organizationalEntity: entity(ok.orgId), timeRange: range(d.start), followerGains: { organicFollowerGain: gainOn(ok.orgId, d.day), paidFollowerGain: 0 } }));
        return collection(elements);
      },
    },
    {
      method: "GET", path: "/rest/organizationPageStatistics", name: "stats",
      handle(req) {
        const ok = checked(state, platform, req, "organization", "organization");
        if (!isOk(ok)) return ok;
        const views = (day: string) => {
          const all = dailyFigure(ok.orgId, "page_views", day, 80);
          return { allPageViews: { pageViews: all, uniquePageViews: Math.round(all * 0.6) }, allDesktopPageViews: { pageViews: Math.round(all * 0.55) }, allMobilePageViews: { pageViews: all - Math.round(all * 0.55) } };
        };
        const elements = (ok.days ?? []).map((d) => ({ organization: entity(ok.orgId), timeRange: range(d.start), totalPageStatistics: { views: views(d.day) } }));
        return collection(elements);
      },
    },
    {
      method: "GET", path: "/rest/networkSizes/:urn", name: "stats",
      handle(req, params) {
        const grant = restCall(state, platform, req);
        if (isAnswer(grant)) return grant;
        const orgId = /^urn:li:organization:(\d+)$/.exec(params.urn ?? "")?.[1];
        if (!orgId) return liError(400, "BAD_REQUEST", `Not an organization URN: ${params.urn}`);
        if (req.query.get("edgeType") !== "COMPANY_FOLLOWED_BY_MEMBER") return liError(400, "BAD_REQUEST", "edgeType must be COMPANY_FOLLOWED_BY_MEMBER");
        return json(200, { firstDegreeSize: followersOn(orgId, dayOf(Date.now())) });
      },
    },
  ];
}
