import { withHeaders } from "@/emulator/kit/envelope";
import { dailyFigure, dayNumber, followersOn, postCounter } from "@/emulator/kit/metrics";
import { authorizeRoute, clientSecretFor, tokenRoute } from "@/emulator/kit/oauth";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { CATEGORIES, channelOf, googleError, insufficientScopes, invalidCredentials, PLATFORM, requireUser, SCOPE } from "./support";
import { chunkRoute, startRoute, thumbnailRoute } from "./uploads";

// YouTube as Google documents it (../shared/platforms/youtube.md; developers.google.com/youtube/v3
// and /identity/protocols/oauth2), never from providers/ (a lint rule refuses the import):
// Google's OAuth (authorize page, token endpoint whose refresh keeps the refresh token), the Data
// API's channels, videoCategories and videos lists, the resumable videos.insert (uploads.ts),
// thumbnails.set, and the Analytics API's reports. All under /youtube/ in the emulator.

const oauthError = (status: number, error: string, description: string): EmuResponse =>
  json(status, { error, error_description: description });

/** POST /token: the code exchange (kit), and Google's refresh: a new access token, the same refresh token (not rotated, not returned). */
function googleTokenRoute(state: EmulatorState): Route {
  const kit = tokenRoute(state, {
    platform: PLATFORM,
    path: "/token",
    clientAuth: "body",
    refresh: true,
    scopeSeparator: " ",
    error: oauthError,
  });
  return {
    ...kit,
    handle(req, params) {
      const f = req.form();
      if (f.get("grant_type") !== "refresh_token") return kit.handle(req, params);
      if (!(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded"))
        return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
      const clientId = f.get("client_id") ?? "";
      if (clientSecretFor(state, PLATFORM, clientId) !== (f.get("client_secret") ?? ""))
        return oauthError(401, "invalid_client", "The OAuth client was not found.");
      const rt = state.refreshTokens.get(f.get("refresh_token") ?? "");
      const grant = rt && state.grants.get(rt.grantId);
      if (!rt || !grant || grant.platform !== PLATFORM || grant.revoked || grant.clientId !== clientId)
        return oauthError(400, "invalid_grant", "Token has been expired or revoked.");
      const t = state.issueTokens(PLATFORM, grant.accountId, grant.clientId, grant.scopes, false, grant.id);
      return json(200, { access_token: t.accessToken, expires_in: t.expiresIn, scope: grant.scopes.join(" "), token_type: "Bearer" });
    },
  };
}

/** GET /youtube/v3/channels?part=…&mine=true: the signed-in account's channel. */
function channelsRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/youtube/v3/channels",
    name: "channels",
    handle(req) {
      const who = requireUser(state, req, [SCOPE.readonly, SCOPE.full, SCOPE.forceSsl]);
      if ("status" in who) return who;
      if (!req.query.get("part")) return googleError(400, "required", "Required parameter: part", "global");
      if (req.query.get("mine") !== "true" && !req.query.get("id"))
        return googleError(400, "missingRequiredParameter", "No filter selected. Expected one of: mine, id, forHandle, forUsername.");
      const c = channelOf(who.acc);
      const parts = req.query.get("part")!.split(",");
      const videos = recorded(state, PLATFORM).byAccount(who.acc.id).length;
      const item = {
        kind: "youtube#channel",
        id: c.id,
        ...(parts.includes("snippet")
          ? {
              snippet: {
                title: c.title,
                customUrl: c.customUrl,
                country: c.country,
                thumbnails: { default: { url: `${req.base}/ch/${c.id}.jpg` } },
              },
            }
          : {}),
        ...(parts.includes("statistics")
          ? {
              statistics: {
                viewCount: String(videos * 100),
                subscriberCount: String(followersOn(who.acc.id, new Date().toISOString().slice(0, 10))),
                hiddenSubscriberCount: false,
                videoCount: String(videos),
              },
            }
          : {}),
      };
      return json(200, { kind: "youtube#channelListResponse", pageInfo: { totalResults: 1, resultsPerPage: 50 }, items: [item] });
    },
  };
}

function categoriesRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/youtube/v3/videoCategories",
    name: "categories",
    handle(req) {
      const who = requireUser(state, req, [SCOPE.readonly, SCOPE.full, SCOPE.forceSsl, SCOPE.upload]);
      if ("status" in who) return who;
      if (!req.query.get("regionCode") && !req.query.get("id"))
        return googleError(400, "missingRequiredParameter", "Expected one of: id, regionCode.");
      return json(200, {
        kind: "youtube#videoCategoryListResponse",
        items: CATEGORIES.map((c) => ({
          kind: "youtube#videoCategory",
          id: c.id,
          snippet: { title: c.title, assignable: c.assignable, channelId: "UCBR8-60-B28hp2BmDPdntcQ" },
        })),
      });
    },
  };
}

/** GET /youtube/v3/videos?part=statistics,status&id=…: counters are strings. */
function videosRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/youtube/v3/videos",
    name: "videos",
    handle(req) {
      const who = requireUser(state, req, [SCOPE.readonly, SCOPE.full, SCOPE.forceSsl]);
      if ("status" in who) return who;
      const ids = (req.query.get("id") ?? "").split(",").filter(Boolean);
      if (!ids.length) return googleError(400, "missingRequiredParameter", "No filter selected. Expected one of: id, myRating, chart.");
      const parts = (req.query.get("part") ?? "").split(",");
      const items = ids
        .map((id) => recorded(state, PLATFORM).find(id))
        .filter((p) => !!p)
        .map((p) => ({
          kind: "youtube#video",
          id: p.id,
          ...(parts.includes("statistics")
            ? {
                statistics: {
                  viewCount: String(postCounter(p.id, "views", p.receivedAt)),
                  likeCount: String(postCounter(p.id, "likes", p.receivedAt)),
                  favoriteCount: "0",
                  commentCount: String(postCounter(p.id, "comments", p.receivedAt)),
                },
              }
            : {}),
          ...(parts.includes("status") ? { status: { uploadStatus: "processed", ...(p.extra?.status as object) } } : {}),
        }));
      return json(200, { kind: "youtube#videoListResponse", items });
    },
  };
}

/** GET /v2/reports (YouTube Analytics API): ids=channel==MINE, a day dimension, the metrics asked for. */
function reportsRoute(state: EmulatorState): Route {
  const KNOWN: Record<string, number> = {
    views: 120,
    estimatedMinutesWatched: 300,
    likes: 9,
    comments: 2,
    shares: 1,
    subscribersGained: 3,
    subscribersLost: 1,
  };
  return {
    method: "GET",
    path: "/v2/reports",
    name: "reports",
    handle(req) {
      const who = requireUser(state, req, [SCOPE.analytics]);
      if ("status" in who) return who;
      const q = req.query;
      if (q.get("ids") !== "channel==MINE" && q.get("ids") !== `channel==${channelOf(who.acc).id}`)
        return googleError(400, "invalid", "Invalid value for ids: expected channel==MINE or channel==<your channel id>.", "global");
      const start = q.get("startDate") ?? "";
      const end = q.get("endDate") ?? "";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || start > end)
        return googleError(400, "invalid", "startDate and endDate must be YYYY-MM-DD, startDate not after endDate.", "global");
      const metrics = (q.get("metrics") ?? "").split(",").filter(Boolean);
      const unknown = metrics.find((m) => !(m in KNOWN));
      if (!metrics.length || unknown)
        return googleError(400, "invalid", `Unknown identifier (${unknown ?? "none"}) given in field parameters.metrics.`, "global");
      const byDay = q.get("dimensions") === "day";
      const days: string[] = [];
      for (let d = dayNumber(start); d <= dayNumber(end); d++) days.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
      const rows = byDay
        ? days.map((day) => [day, ...metrics.map((m) => dailyFigure(who.acc.id, m, day, KNOWN[m]!))])
        : [metrics.map((m) => days.reduce((n, day) => n + dailyFigure(who.acc.id, m, day, KNOWN[m]!), 0))];
      return json(200, {
        kind: "youtubeAnalytics#resultTable",
        columnHeaders: [
          ...(byDay ? [{ name: "day", columnType: "DIMENSION", dataType: "STRING" }] : []),
          ...metrics.map((name) => ({ name, columnType: "METRIC", dataType: "INTEGER" })),
        ],
        rows,
      });
    },
  };
}

/** The public watch page the published link opens. */
function watchRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/watch",
    name: "watch",
    handle(req) {
      const p = recorded(state, PLATFORM).find(req.query.get("v") ?? "");
      if (!p) return { status: 404, headers: { "content-type": "text/html" }, body: "<h1>Video unavailable</h1>" };
      const title = String(p.extra?.title ?? "").replace(/[<>&"]/g, "");
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: `<!doctype html><title>${title} - YouTube (emulator)</title><h1>${title}</h1>`,
      };
    },
  };
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "YouTube",
  notes:
    "<p>Google sign-in at <code>/youtube/o/oauth2/v2/auth</code> (token: <code>/youtube/token</code>). Uploads follow the resumable protocol at <code>/youtube/upload/youtube/v3/videos</code>: 308 with <code>Range</code> until the last byte, <code>bytes */N</code> to ask where a session stands. 100 uploads a day per client, as the quota page says.</p>",
  routes(state) {
    return [
      authorizeRoute(state, {
        platform: PLATFORM,
        platformName: "Google",
        path: "/o/oauth2/v2/auth",
        pkceRequired: false,
        scopeSeparator: " ",
      }),
      googleTokenRoute(state),
      channelsRoute(state),
      categoriesRoute(state),
      videosRoute(state),
      startRoute(state),
      chunkRoute(state),
      thumbnailRoute(state),
      reportsRoute(state),
      watchRoute(state),
    ];
  },
  faults: {
    "expired-token": () => invalidCredentials(),
    "missing-scope": () => insufficientScopes(),
    // Google answers a burst with 429 RESOURCE_EXHAUSTED (rateLimitExceeded) and Retry-After.
    "rate-limit": ({ retryAfterSeconds }) =>
      withHeaders(googleError(429, "rateLimitExceeded", "The request cannot be completed because you have exceeded your rate limit."), {
        "retry-after": String(retryAfterSeconds),
      }),
    "server-error": () => googleError(503, "backendError", "Backend Error", "global"),
  },
};

export default emulator;
