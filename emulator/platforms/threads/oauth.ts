import { authorizeRoute, clientSecretFor } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { graphError, paramsOf, PLATFORM } from "./support";

// Threads sign-in (get-access-tokens-and-permissions and long-lived-tokens docs): the authorization
// window (comma-separated scopes, no PKCE), POST /oauth/access_token swapping the code for a
// short-lived token ({access_token, user_id}), GET /access_token exchanging that for a long-lived
// one (grant_type=th_exchange_token with the app secret), and GET /refresh_access_token renewing a
// long-lived one (grant_type=th_refresh_token). Long-lived answers: {access_token, token_type, expires_in}.
//
// The emulator's tokens live for the sandbox's access TTL (tests shorten it), so it does not hold
// refreshes to the documented "at least 24 hours old": a suite could not wait a day.

const oauthError = (message: string, code = 1) => graphError(400, code, message, { type: "OAuthException" });

export function oauthRoutes(state: EmulatorState): Route[] {
  /** Tokens from the code (one hour, exchangeable) and tokens from the exchange or a refresh (renewable). */
  const shortLived = new Set<string>();
  const longLived = new Set<string>();
  const grantOf = (token: string | null) => {
    const at = token ? state.accessTokens.get(token) : undefined;
    const grant = at && state.grants.get(at.grantId);
    return grant && grant.platform === PLATFORM && !grant.revoked ? { at, grant } : undefined;
  };
  return [
    authorizeRoute(state, {
      platform: PLATFORM,
      platformName: "Threads",
      path: "/oauth/authorize",
      pkceRequired: false,
      scopeSeparator: ",",
    }),
    {
      method: "POST",
      path: "/oauth/access_token",
      name: "token",
      handle(req) {
        const p = paramsOf(req);
        const clientId = p.get("client_id") ?? "";
        if (!clientId || clientSecretFor(state, PLATFORM, clientId) !== p.get("client_secret"))
          return oauthError("Error validating client secret.", 1);
        if (p.get("grant_type") !== "authorization_code") return oauthError("Unsupported grant_type: must be authorization_code", 100);
        for (const k of ["code", "redirect_uri"]) if (!p.get(k)) return oauthError(`Missing required parameter: ${k}`, 100);
        const code = state.redeemCode(p.get("code")!, { clientId, redirectUri: p.get("redirect_uri")! });
        if (typeof code === "string") return oauthError(`Error validating verification code. ${code}`, 100);
        const t = state.issueTokens(PLATFORM, code.accountId, clientId, code.scopes, false);
        shortLived.add(t.accessToken);
        // Numeric in the documented example; the emulator's account ids are strings.
        return json(200, { access_token: t.accessToken, user_id: code.accountId });
      },
    },
    {
      method: "GET",
      path: "/access_token",
      name: "exchange",
      handle(req) {
        const q = req.query;
        if (q.get("grant_type") !== "th_exchange_token") return oauthError("Unsupported grant_type: must be th_exchange_token", 100);
        const token = q.get("access_token");
        const found = grantOf(token);
        if (!found || found.at!.expiresAt < Date.now())
          return graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
        if (clientSecretFor(state, PLATFORM, found.grant.clientId) !== q.get("client_secret"))
          return oauthError("Error validating client secret.", 1);
        if (!shortLived.has(token!)) return oauthError("Only a short-lived access token can be exchanged for a long-lived one", 100);
        const t = state.issueTokens(PLATFORM, found.grant.accountId, found.grant.clientId, found.grant.scopes, false, found.grant.id);
        longLived.add(t.accessToken);
        return json(200, { access_token: t.accessToken, token_type: "bearer", expires_in: t.expiresIn });
      },
    },
    {
      method: "GET",
      path: "/refresh_access_token",
      name: "refresh",
      handle(req) {
        const q = req.query;
        if (q.get("grant_type") !== "th_refresh_token") return oauthError("Unsupported grant_type: must be th_refresh_token", 100);
        const token = q.get("access_token");
        const found = grantOf(token);
        if (!found)
          return graphError(
            400,
            190,
            "Error validating access token: The session is invalid because the user logged out or revoked access.",
            { subcode: 460 },
          );
        if (!longLived.has(token!)) return oauthError("Only a long-lived access token can be refreshed", 100);
        if (!found.grant.scopes.includes("threads_basic"))
          return graphError(403, 10, "The threads_basic permission is required to refresh a token");
        const t = state.issueTokens(PLATFORM, found.grant.accountId, found.grant.clientId, found.grant.scopes, false, found.grant.id);
        longLived.add(t.accessToken);
        return json(200, { access_token: t.accessToken, token_type: "bearer", expires_in: t.expiresIn });
      },
    },
  ];
}
