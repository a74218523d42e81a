import { isAnswer } from "@/emulator/kit/access";
import { authorizeRoute, clientSecretFor } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { graphRoutes } from "../instagram/graph";
import { graphError, graphFaults, graphGrant, params } from "../instagram/graph-support";

// Instagram API with Instagram Login (../shared/platforms/instagram-standalone.md), from Meta's
// Business Login for Instagram and access-token references, never from providers/: the authorize
// page, POST /oauth/access_token (a short-lived token, answered in the documented data[] shape),
// GET /access_token with ig_exchange_token (60 days), GET /refresh_access_token with
// ig_refresh_token, GET /me. Publishing, insights and errors are the Instagram Graph API, which
// the reference documents once for both logins (../instagram/graph.ts), with the
// instagram_business_* permission names. The IG user id is the account's own id.

const PLATFORM = "instagram-standalone";
const LONG_LIVED_SECONDS = 60 * 86_400;

function longLived(state: EmulatorState, grant: { accountId: string; clientId: string; scopes: string[]; id: string }) {
  const ttl = state.accessTtlSeconds;
  state.accessTtlSeconds = Math.min(ttl * 720, LONG_LIVED_SECONDS);
  const t = state.issueTokens(PLATFORM, grant.accountId, grant.clientId, grant.scopes, false, grant.id);
  state.accessTtlSeconds = ttl;
  return json(200, { access_token: t.accessToken, token_type: "bearer", expires_in: t.expiresIn });
}

function routes(state: EmulatorState): Route[] {
  return [
    authorizeRoute(state, {
      platform: PLATFORM,
      platformName: "Instagram",
      path: "/oauth/authorize",
      pkceRequired: false,
      scopeSeparator: /[,\s]+/,
    }),
    {
      method: "POST",
      path: "/oauth/access_token",
      name: "token",
      handle(req) {
        const f = params(req);
        const clientId = f.get("client_id") ?? "";
        if (!clientId || clientSecretFor(state, PLATFORM, clientId) !== f.get("client_secret"))
          return json(400, { error_type: "OAuthException", code: 400, error_message: "Invalid client_id or client_secret" });
        if (f.get("grant_type") !== "authorization_code")
          return json(400, {
            error_type: "OAuthException",
            code: 400,
            error_message: "Invalid grant_type: authorization_code is required",
          });
        const code = state.redeemCode(f.get("code") ?? "", { clientId, redirectUri: f.get("redirect_uri") ?? "" });
        if (typeof code === "string") return json(400, { error_type: "OAuthException", code: 400, error_message: code });
        const t = state.issueTokens(PLATFORM, code.accountId, clientId, code.scopes, false);
        return json(200, { data: [{ access_token: t.accessToken, user_id: code.accountId, permissions: code.scopes.join(",") }] });
      },
    },
    {
      method: "GET",
      path: "/access_token",
      name: "exchange",
      handle(req) {
        const q = params(req);
        if (q.get("grant_type") !== "ig_exchange_token") return graphError(400, 100, "(#100) grant_type must be ig_exchange_token");
        const secret = q.get("client_secret") ?? "";
        const grant = state.checkAccess(PLATFORM, q.get("access_token") ?? undefined);
        if (typeof grant === "string") return graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
        if (clientSecretFor(state, PLATFORM, grant.clientId) !== secret) return graphError(400, 101, "Error validating client secret.");
        return longLived(state, grant);
      },
    },
    {
      method: "GET",
      path: "/refresh_access_token",
      name: "refresh",
      handle(req) {
        const q = params(req);
        if (q.get("grant_type") !== "ig_refresh_token") return graphError(400, 100, "(#100) grant_type must be ig_refresh_token");
        const token = q.get("access_token") ?? "";
        const at = state.accessTokens.get(token);
        const grant = at && state.grants.get(at.grantId);
        // Meta refreshes a long-lived token that is at least 24 h old and not expired. The emulator
        // also takes an expired one whose grant stands (the suite expires tokens to force a
        // refresh at once); a revoked grant is refused as Meta refuses it.
        if (!at || !grant || grant.platform !== PLATFORM || grant.revoked)
          return graphError(400, 190, "Error validating access token: The user has not authorized application.", { subcode: 458 });
        return longLived(state, grant);
      },
    },
    {
      method: "GET",
      path: "/me",
      name: "profile",
      handle(req) {
        const g = graphGrant(state, PLATFORM, req, "instagram_business_basic");
        if (isAnswer(g)) return g;
        const acc = state.getAccount(PLATFORM, g.accountId)!;
        const all: Record<string, unknown> = {
          id: `scoped-${acc.id}`,
          user_id: acc.id,
          username: acc.username,
          name: acc.name,
          account_type: "BUSINESS",
          profile_picture_url: `${req.base}/static/${acc.id}.jpg`,
        };
        const fields = (params(req).get("fields") ?? "id").split(",");
        return json(200, Object.fromEntries(Object.entries(all).filter(([k]) => k === "id" || fields.includes(k))));
      },
    },
    ...graphRoutes(state, {
      platform: PLATFORM,
      ownerOf: (s, id) => (s.getAccount(PLATFORM, id) ? id : undefined),
      igUserIdOf: (id) => id,
      scopes: {
        publish: "instagram_business_content_publish",
        comments: "instagram_business_manage_comments",
        insights: "instagram_business_manage_insights",
      },
    }),
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Instagram (Instagram Login)",
  notes: "Business Login for Instagram: sign in, short-lived token, ig_exchange_token, ig_refresh_token.",
  routes,
  faults: graphFaults,
};

export default emulator;
