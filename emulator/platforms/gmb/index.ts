import { isAnswer } from "@/emulator/kit/access";
import { dailyFigure, dayOf } from "@/emulator/kit/metrics";
import { authorizeRoute, clientSecretFor, tokenRoute } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type PlatformEmulator, type Route } from "@/emulator/types";
import { accountOf, authorized, badField, gError, locationsOf, PLATFORM, scopeInsufficient } from "./common";
import { postRoutes } from "./posts";

// Google Business Profile as the provider sees it, written from Google's documentation
// (../shared/platforms/gmb.md; developers.google.com/my-business) and never from providers/. Google's
// hosts share the emulator's one base, told apart by their documented paths:
//   accounts.google.com/o/oauth2/v2/auth, oauth2.googleapis.com/token (Google OAuth 2.0),
//   mybusinessaccountmanagement …/v1/accounts, mybusinessbusinessinformation …/v1/{account}/locations,
//   mybusiness.googleapis.com/v4/{account}/{location}/localPosts (posts.ts),
//   businessprofileperformance …/v1/{location}:fetchMultiDailyMetricsTimeSeries.

const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });

const DAILY_METRICS = new Set([
  "BUSINESS_IMPRESSIONS_DESKTOP_MAPS",
  "BUSINESS_IMPRESSIONS_DESKTOP_SEARCH",
  "BUSINESS_IMPRESSIONS_MOBILE_MAPS",
  "BUSINESS_IMPRESSIONS_MOBILE_SEARCH",
  "BUSINESS_CONVERSATIONS",
  "BUSINESS_DIRECTION_REQUESTS",
  "CALL_CLICKS",
  "WEBSITE_CLICKS",
  "BUSINESS_BOOKINGS",
  "BUSINESS_FOOD_ORDERS",
  "BUSINESS_FOOD_MENU_CLICKS",
]);

/** dailyRange.startDate.year or daily_range.start_date.year: gRPC transcoding takes both spellings. */
function rangeDate(req: EmuRequest, which: "start" | "end"): string | undefined {
  const get = (part: string) => req.query.get(`dailyRange.${which}Date.${part}`) ?? req.query.get(`daily_range.${which}_date.${part}`);
  const [y, m, d] = ["year", "month", "day"].map((p) => Number(get(p)));
  if (!y || !m || !d) return undefined;
  const ms = Date.UTC(y, m - 1, d);
  return Number.isFinite(ms) ? dayOf(ms) : undefined;
}

function accountRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "GET",
      path: "/v1/accounts",
      name: "accounts",
      handle(req) {
        const grant = authorized(state, req);
        if (isAnswer(grant)) return grant;
        const acc = state.getAccount(PLATFORM, grant.accountId)!;
        return json(200, {
          accounts: [{ name: accountOf(acc.id), accountName: acc.name, type: "PERSONAL", verificationState: "VERIFIED" }],
        });
      },
    },
    {
      method: "GET",
      path: "/v1/accounts/:account/locations",
      name: "locations",
      handle(req, params) {
        const grant = authorized(state, req);
        if (isAnswer(grant)) return grant;
        // readMask is required (Business Information v1 accounts.locations.list).
        if (!req.query.get("readMask")) return badField("read_mask", "Field is required");
        if (`accounts/${params.account}` !== accountOf(grant.accountId))
          return gError("PERMISSION_DENIED", "The caller does not have permission");
        const mask = new Set(
          req.query
            .get("readMask")!
            .split(",")
            .map((s) => s.trim()),
        );
        const locations = locationsOf(grant.accountId).map((l) => ({
          ...(mask.has("name") ? { name: l.name } : {}),
          ...(mask.has("title") ? { title: l.title } : {}),
          ...(mask.has("storefrontAddress")
            ? { storefrontAddress: { regionCode: "US", locality: l.locality, addressLines: ["1 Main St"] } }
            : {}),
          ...(mask.has("metadata") ? { metadata: { mapsUri: `${req.base}/maps?cid=${l.name.split("/")[1]}` } } : {}),
        }));
        return json(200, { locations });
      },
    },
    {
      // locations/{id}:fetchMultiDailyMetricsTimeSeries (the path's last segment holds the custom verb).
      method: "GET",
      path: "/v1/locations/:target",
      name: "performance",
      handle(req, params) {
        const grant = authorized(state, req);
        if (isAnswer(grant)) return grant;
        const [id, verb] = (params.target ?? "").split(":");
        if (verb !== "fetchMultiDailyMetricsTimeSeries") return gError("NOT_FOUND", `Method not found: ${verb ?? ""}`);
        if (!locationsOf(grant.accountId).some((l) => l.name === `locations/${id}`))
          return gError("PERMISSION_DENIED", "The caller does not have permission");
        const metrics = req.query.getAll("dailyMetrics");
        if (!metrics.length) return badField("daily_metrics", "Field is required");
        const unknown = metrics.find((m) => !DAILY_METRICS.has(m));
        if (unknown) return badField("daily_metrics", `Invalid value at 'daily_metrics' (${unknown})`);
        const start = rangeDate(req, "start");
        const end = rangeDate(req, "end");
        if (!start || !end) return badField("daily_range", "A start and end date are required");
        if (end < start) return badField("daily_range", "The end date must not be before the start date");
        const days: string[] = [];
        for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`) && days.length < 550; t += 86_400_000)
          days.push(dayOf(t));
        const series = metrics.map((metric) => ({
          dailyMetric: metric,
          timeSeries: {
            datedValues: days.map((day) => {
              const [year, month, dd] = day.split("-").map(Number);
              const value = dailyFigure(`${grant.accountId}/${id}`, metric, day, 12);
              // int64 as a string, left out when 0 (proto3 JSON).
              return { date: { year, month, day: dd }, ...(value ? { value: String(value) } : {}) };
            }),
          },
        }));
        return json(200, { multiDailyMetricTimeSeries: [{ dailyMetricTimeSeries: series }] });
      },
    },
  ];
}

/**
 * Google's token endpoint: the kit's for the code exchange; a refresh answers a new access token
 * and no refresh token, the old one staying good until the user revokes the grant (Google's refresh
 * tokens are not rotated, unlike the kit's default).
 */
function googleToken(state: EmulatorState): Route {
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
      const f = (req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded") ? req.form() : undefined;
      if (f?.get("grant_type") !== "refresh_token") return kit.handle(req, params);
      const clientId = f.get("client_id") ?? "";
      if (!clientId || clientSecretFor(state, PLATFORM, clientId) !== (f.get("client_secret") ?? ""))
        return oauthError(401, "invalid_client", "The OAuth client was not found.");
      const rt = state.refreshTokens.get(f.get("refresh_token") ?? "");
      const grant = rt && state.grants.get(rt.grantId);
      if (!grant || grant.platform !== PLATFORM || grant.revoked || grant.clientId !== clientId)
        return oauthError(400, "invalid_grant", "Token has been expired or revoked.");
      const t = state.issueTokens(PLATFORM, grant.accountId, grant.clientId, grant.scopes, false, grant.id);
      return json(200, { access_token: t.accessToken, expires_in: t.expiresIn, scope: grant.scopes.join(" "), token_type: "Bearer" });
    },
  };
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Google Business Profile",
  notes: "Every user has one Business Profile account with two locations (Corner Bakery, Corner Bakery Downtown).",
  routes: (state) => [
    authorizeRoute(state, {
      platform: PLATFORM,
      platformName: "Google",
      path: "/o/oauth2/v2/auth",
      pkceRequired: false,
      scopeSeparator: " ",
    }),
    googleToken(state),
    ...accountRoutes(state),
    ...postRoutes(state),
  ],
  faults: {
    "expired-token": () => gError("UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token."),
    "missing-scope": scopeInsufficient,
    "rate-limit": ({ retryAfterSeconds }) =>
      gError(
        "RESOURCE_EXHAUSTED",
        "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service 'mybusiness.googleapis.com'.",
        [
          { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "RATE_LIMIT_EXCEEDED", domain: "googleapis.com" },
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryAfterSeconds}s` },
        ],
      ),
    "server-error": () => gError("INTERNAL", "Internal error encountered."),
  },
};

export default emulator;
