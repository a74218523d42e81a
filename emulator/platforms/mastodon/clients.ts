import type { EmulatorState } from "@/emulator/state";
import { isAnswer as isResponse } from "@/emulator/kit/access";
import { json, type EmuRequest, type Route } from "@/emulator/types";
import { PLATFORM } from "./support";

// How a Mastodon server treats the OAuth clients apps registered on it (docs: methods/oauth):
// only a client registered on this server with POST /api/v1/apps is known, anything else
// (another server's client, one the server dropped, a wrong secret) gets the documented
// 401 invalid_client; the client-credentials grant gives an app token; /oauth/revoke revokes.

export const INVALID_CLIENT =
  "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";
const INVALID_SCOPE = "The requested scope is invalid, unknown, or malformed.";

export const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });

/** The registered app behind a client id, if this server knows it. */
export function registeredApp(state: EmulatorState, clientId: string | null | undefined) {
  const app = clientId ? state.apps.get(clientId) : undefined;
  return app?.platform === PLATFORM ? app : undefined;
}

/** The app a token or revoke request authenticates as (client_id and client_secret in the body), or the 401. */
function authenticatedApp(state: EmulatorState, req: EmuRequest) {
  const f = req.form();
  const app = registeredApp(state, f.get("client_id"));
  return app && app.clientSecret === f.get("client_secret") ? app : oauthError(401, "invalid_client", INVALID_CLIENT);
}

/** POST /oauth/token in front of the shared code exchange: client checks and the client_credentials grant. */
export function tokenEndpoint(state: EmulatorState, codeExchange: Route): Route {
  return {
    ...codeExchange,
    handle(req, params) {
      if (!(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) return codeExchange.handle(req, params);
      const app = authenticatedApp(state, req);
      if (isResponse(app)) return app;
      const f = req.form();
      if (f.get("grant_type") !== "client_credentials") return codeExchange.handle(req, params);
      // The scope must be a subset of the registered ones and defaults to read.
      const scopes = (f.get("scope") ?? "read").split(/[\s+]+/).filter(Boolean);
      if (scopes.some((s) => !app.scopes.includes(s))) return oauthError(400, "invalid_scope", INVALID_SCOPE);
      // An app token: no user behind it.
      const t = state.issueTokens(PLATFORM, "", app.clientId, scopes, false);
      return json(200, {
        access_token: t.accessToken,
        token_type: "Bearer",
        scope: scopes.join(" "),
        created_at: Math.floor(Date.now() / 1000),
      });
    },
  };
}

/** POST /oauth/revoke: the client's own token is revoked ({}), someone else's is refused (403). */
export function revokeEndpoint(state: EmulatorState): Route {
  return {
    method: "POST",
    path: "/oauth/revoke",
    name: "revoke",
    handle(req) {
      const app = authenticatedApp(state, req);
      if (isResponse(app)) return app;
      const at = state.accessTokens.get(req.form().get("token") ?? "");
      const grant = at && state.grants.get(at.grantId);
      if (!grant || grant.clientId !== app.clientId)
        return oauthError(403, "unauthorized_client", "You are not authorized to revoke this token");
      grant.revoked = true;
      return json(200, {});
    },
  };
}
