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
  const clickCount = f("clicks", 30),
    likeCount = f("likes", 25),
    commentCount = f("comments", 4),
    shareCount = f("shares", 3);
  return {
    impressionCount,
    uniqueImpressionsCount: Math.round(impressionCount * 0.7),
    clickCount,
    likeCount,
    commentCount,
    shareCount,
    engagement: impressionCount ? (clickCount + likeCount + commentCount + shareCount) / impressionCount : 0,
  };
}

type StatsShape = {
  path: string;
  /** The query parameter naming the page, which is also the finder (q=) and the elements' key. */
  param: "organizationalEntity" | "organization";
  /** Elements without timeIntervals (lifetime figures), or undefined where LinkedIn gives none. */
  lifetime?: (orgId: string) => Record<string, unknown>;
  perDay: (orgId: string, day: string) => Record<string, unknown>;
};

/** A statistics finder: the checks, then one element per DAY of timeIntervals, or lifetime figures without them. */
function statsRoute(state: EmulatorState, platform: string, o: StatsShape): Route {
  return {
    method: "GET",
    path: o.path,
    name: "stats",
    handle(req) {
      const ok = checked(state, platform, req, o.param, o.param);
      if (!isOk(ok)) return ok;
      const entity = { [o.param]: `urn:li:organization:${ok.orgId}` };
      if (ok.days === null) return collection(o.lifetime ? [{ ...entity, ...o.lifetime(ok.orgId) }] : []);
      return collection(ok.days.map((d) => ({ ...entity, timeRange: range(d.start), ...o.perDay(ok.orgId, d.day) })));
    },
  };
}

function pageViews(orgId: string, day: string) {
  const all = dailyFigure(orgId, "page_views", day, 80);
  return {
    allPageViews: { pageViews: all, uniquePageViews: Math.round(all * 0.6) },
    allDesktopPageViews: { pageViews: Math.round(all * 0.55) },
    allMobilePageViews: { pageViews: all - Math.round(all * 0.55) },
  };
}

export function statisticsRoutes(state: EmulatorState, platform: string): Route[] {
  return [
    statsRoute(state, platform, {
      path: "/rest/organizationalEntityShareStatistics",
      param: "organizationalEntity",
      lifetime: (orgId) => ({ totalShareStatistics: shareStats(orgId, "lifetime") }),
      perDay: (orgId, day) => ({ totalShareStatistics: shareStats(orgId, day) }),
    }),
    statsRoute(state, platform, {
      path: "/rest/organizationalEntityFollowerStatistics",
      param: "organizationalEntity",
      // Without timeIntervals LinkedIn answers lifetime demographics instead of gains.
      lifetime: () => ({ followerCountsByFunction: [], followerCountsBySeniority: [], followerCountsByIndustry: [] }),
      perDay: (orgId, day) => ({ followerGains: { organicFollowerGain: gainOn(orgId, day), paidFollowerGain: 0 } }),
    }),
    statsRoute(state, platform, {
      path: "/rest/organizationPageStatistics",
      param: "organization",
      perDay: (orgId, day) => ({ totalPageStatistics: { views: pageViews(orgId, day) } }),
    }),
    {
      method: "GET",
      path: "/rest/networkSizes/:urn",
      name: "stats",
      handle(req, params) {
        const grant = restCall(state, platform, req);
        if (isAnswer(grant)) return grant;
        const orgId = /^urn:li:organization:(\d+)$/.exec(params.urn ?? "")?.[1];
        if (!orgId) return liError(400, "BAD_REQUEST", `Not an organization URN: ${params.urn}`);
        if (req.query.get("edgeType") !== "COMPANY_FOLLOWED_BY_MEMBER")
          return liError(400, "BAD_REQUEST", "edgeType must be COMPANY_FOLLOWED_BY_MEMBER");
        return json(200, { firstDegreeSize: followersOn(orgId, dayOf(Date.now())) });
      },
    },
  ];
}
