import { isAnswer } from "@/emulator/kit/access";
import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type Route } from "@/emulator/types";
import { authorized, PLATFORM } from "./common";

// Whop's OAuth 2.1 (docs.whop.com OAuth guide): GET /oauth/authorize with PKCE S256 required and
// space-separated scopes; POST /oauth/token with a JSON body (client_id in it); GET /oauth/userinfo
// (OpenID Connect: sub, name, preferred_username, picture). Refresh tokens rotate on every use.

const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });

const kitToken = (state: EmulatorState) =>
  tokenRoute(state, {
    platform: PLATFORM,
    path: "/oauth/token",
    clientAuth: "body",
    refresh: true,
    scopeSeparator: " ",
    error: oauthError,
  });

/** The kit's token endpoint reads a form; Whop's takes JSON, so the JSON fields are handed over as one. */
function asForm(req: EmuRequest, fields: Record<string, unknown>): EmuRequest {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (typeof v === "string") form.set(k, v);
  return { ...req, headers: { ...req.headers, "content-type": "application/x-www-form-urlencoded" }, form: () => form };
}

export function oauthRoutes(state: EmulatorState): Route[] {
  const token = kitToken(state);
  return [
    authorizeRoute(state, { platform: PLATFORM, platformName: "Whop", path: "/oauth/authorize", pkceRequired: true, scopeSeparator: " " }),
    {
      ...token,
      handle(req, params) {
        if (!(req.headers["content-type"] ?? "").includes("application/json"))
          return oauthError(400, "invalid_request", "The token request body must be JSON (Content-Type: application/json)");
        let fields: Record<string, unknown>;
        try {
          fields = req.json();
        } catch {
          return oauthError(400, "invalid_request", "The token request body is not valid JSON");
        }
        // A public PKCE client may leave the secret out; the emulator's client then counts as itself.
        if (typeof fields.client_secret !== "string" && fields.client_id === "emulator-client") fields.client_secret = "emulator-secret";
        return token.handle(asForm(req, fields), params);
      },
    },
    {
      method: "GET",
      path: "/oauth/userinfo",
      name: "profile",
      handle(req) {
        const grant = authorized(state, req, "openid");
        if (isAnswer(grant)) return grant;
        const acc = state.getAccount(PLATFORM, grant.accountId)!;
        const profile = grant.scopes.includes("profile");
        return json(200, {
          sub: acc.id,
          ...(profile ? { name: acc.name, preferred_username: acc.username } : {}),
        });
      },
    },
  ];
}
