import { randomBytes } from "node:crypto";
import { inOpenWindow, rateLimitFault } from "@/emulator/kit/faults";
import { htmlAnswer } from "@/emulator/kit/html";
import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type PlatformEmulator, type Route } from "@/emulator/types";
import { INVALID_CLIENT, oauthError, registeredApp, revokeEndpoint, tokenEndpoint } from "./clients";
import { mediaRoutes } from "./media";
import { instanceRoutes, SUPPORTED_SCOPES } from "./instance";
import { statusRoutes } from "./statuses";
import { error, PLATFORM, type Processing } from "./support";

// A Mastodon server: apps register themselves on it (POST /api/v1/apps) and then use the usual
// authorization-code flow, whose tokens never expire and have no refresh token. Only clients
// registered here are known (clients.ts).

const OOB = "urn:ietf:wg:oauth:2.0:oob";
const badPage = (text: string, status = 400) => htmlAnswer(status, `<h1>An error has occurred</h1><p>${text}</p>`);

function readAppParams(req: EmuRequest) {
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    const j = req.json<Record<string, unknown>>();
    const uris = Array.isArray(j.redirect_uris) ? j.redirect_uris.map(String) : String(j.redirect_uris ?? "").split(/\s+/);
    return { name: String(j.client_name ?? ""), uris, scopes: String(j.scopes ?? "read"), website: j.website ? String(j.website) : null };
  }
  const f = req.form();
  const uris = f.getAll("redirect_uris[]").length ? f.getAll("redirect_uris[]") : (f.get("redirect_uris") ?? "").split(/\s+/);
  return { name: f.get("client_name") ?? "", uris, scopes: f.get("scopes") ?? "read", website: f.get("website") };
}

const isAbsolute = (u: string) => u === OOB || URL.canParse(u);

function appsRoute(state: EmulatorState): Route {
  return {
    method: "POST",
    path: "/api/v1/apps",
    name: "apps",
    handle(req) {
      const p = readAppParams(req);
      const uris = p.uris.filter(Boolean);
      if (!p.name.trim()) return error(422, "Validation failed: Application name can't be blank");
      if (uris.length === 0 || !uris.every(isAbsolute)) return error(422, "Validation failed: Redirect URI must be an absolute URI.");
      const scopes = p.scopes.split(/[\s+]+/).filter(Boolean);
      if (scopes.some((s) => !SUPPORTED_SCOPES.includes(s)))
        return error(422, "Validation failed: Scopes doesn't match configured on the server.");
      const clientId = randomBytes(24).toString("base64url");
      const clientSecret = randomBytes(24).toString("base64url");
      state.apps.set(clientId, { platform: PLATFORM, clientId, clientSecret, redirectUris: uris, scopes });
      return json(200, {
        id: state.nextId(),
        name: p.name,
        website: p.website,
        scopes,
        redirect_uri: uris.join("\n"),
        redirect_uris: uris,
        client_id: clientId,
        client_secret: clientSecret,
        client_secret_expires_at: 0,
        vapid_key: "emulator-vapid-key",
      });
    },
  };
}

// The shared authorize page, behind the checks Mastodon makes against the registered app.
function authorize(state: EmulatorState): Route {
  const inner = authorizeRoute(state, {
    platform: PLATFORM,
    platformName: "Mastodon",
    path: "/oauth/authorize",
    pkceRequired: false,
    scopeSeparator: /[\s+]+/,
  });
  return {
    ...inner,
    handle(req, params) {
      // Only apps registered on this server: a client it dropped (or never had) gets the error page.
      const app = registeredApp(state, req.query.get("client_id"));
      if (!app) return badPage(INVALID_CLIENT, 401);
      if (!app.redirectUris.includes(req.query.get("redirect_uri") ?? "")) return badPage("The redirect uri included is not valid.");
      const asked = (req.query.get("scope") ?? "read").split(/[\s+]+/).filter(Boolean);
      if (asked.some((s) => !app.scopes.includes(s))) return badPage("The requested scope is invalid, unknown, or malformed.");
      const method = req.query.get("code_challenge_method");
      if (req.query.get("code_challenge") && method && method !== "S256") return badPage("The code challenge method must be S256.");
      return inner.handle(req, params);
    },
  };
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Mastodon",
  routes(state) {
    // Per emulator start: media still "transcoding" (id -> status checks left before ready).
    const processing: Processing = new Map();
    return [
      appsRoute(state),
      authorize(state),
      tokenEndpoint(
        state,
        tokenRoute(state, {
          platform: PLATFORM,
          path: "/oauth/token",
          clientAuth: "body",
          refresh: false,
          omitExpiresIn: true,
          scopeSeparator: " ",
          error: oauthError,
          extra: () => ({ created_at: Math.floor(Date.now() / 1000) }),
        }),
      ),
      revokeEndpoint(state),
      ...instanceRoutes(state),
      ...mediaRoutes(state, processing),
      ...statusRoutes(state, processing),
    ];
  },
  faults: {
    "expired-token": () => error(401, "The access token is invalid"),
    "missing-scope": () => error(403, "This action is outside the authorized scopes"),
    "rate-limit": rateLimitFault("x-ratelimit", 300, () => error(429, "Too many requests")),
    // Mastodon sends X-RateLimit-* on every answer, errors included (reset at the 5-minute window's end).
    "server-error": () => inOpenWindow(error(503, "Service Unavailable"), "x-ratelimit", 300, 5 * 60),
  },
};

export default emulator;
