import type { EmulatorState } from "../state";
import { json, type EmuRequest, type EmuResponse, type Route } from "../types";
import { escapeHtml as esc } from "./html";

// The OAuth pieces most platforms share, with each platform's dialect as options: an authorize
// page (approve / deny, scopes can be unticked to test missing scopes) and a token endpoint
// (authorization code with PKCE, refresh with rotation and reuse detection).

/**
 * The app credentials every emulated platform accepts without registration: what an app in
 * sandbox mode sends (Postmill's are in providers/core/hosts.ts; tests/emulator/own-rules.test.ts checks
 * the two agree). Apps registered at runtime (Mastodon's POST /api/v1/apps) get their own.
 */
export const EMULATOR_CLIENT = { id: "emulator-client", secret: "emulator-secret" } as const;

export function clientSecretFor(state: EmulatorState, platform: string, clientId: string): string | undefined {
  if (clientId === EMULATOR_CLIENT.id) return EMULATOR_CLIENT.secret;
  const app = state.apps.get(clientId);
  return app?.platform === platform ? app.clientSecret : undefined;
}

/** Hidden fields of the authorize form carried back on the redirect (AuthorizeOptions.redirectExtras). */
const REDIRECT_EXTRA = "redirect_extra_";

export type AuthorizeOptions = {
  platform: string;
  platformName: string;
  path: string;
  pkceRequired: boolean;
  scopeSeparator: string | RegExp;
  /** The response_type the platform requires (default "code"); null where its sign-in link has none (MeWe's /login). */
  responseType?: string | null;
  /** The query parameter the redirect back carries the grant in, where it is not `code` (MeWe: loginRequestToken). */
  grantParam?: string;
  /** More parameters the redirect back carries beside the grant (VK ID's device_id), from the authorize request. */
  redirectExtras?: (q: URLSearchParams) => Record<string, string>;
};

export function authorizeRoute(state: EmulatorState, o: AuthorizeOptions): Route {
  return {
    method: "GET",
    path: o.path,
    name: "authorize",
    handle(req) {
      const q = req.query;
      const problems: string[] = [];
      const responseType = o.responseType === undefined ? "code" : o.responseType;
      if (responseType !== null && q.get("response_type") !== responseType) problems.push(`response_type must be ${responseType}`);
      const clientId = q.get("client_id") ?? "";
      if (!clientSecretFor(state, o.platform, clientId)) problems.push(`unknown client_id "${clientId}"`);
      if (!q.get("redirect_uri")) problems.push("redirect_uri is required");
      if (!q.get("state")) problems.push("state is required");
      if (o.pkceRequired && (!q.get("code_challenge") || q.get("code_challenge_method")?.toUpperCase() !== "S256")) {
        problems.push("code_challenge with code_challenge_method=S256 is required");
      }
      if (problems.length)
        return {
          status: 400,
          headers: { "content-type": "text/html" },
          body: `<h1>Invalid authorization request</h1><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>`,
        };
      const scopes = (q.get("scope") ?? "").split(o.scopeSeparator).filter(Boolean);
      const hidden = {
        platform: o.platform,
        client_id: clientId,
        redirect_uri: q.get("redirect_uri")!,
        state: q.get("state")!,
        code_challenge: q.get("code_challenge") ?? "",
        ...(o.grantParam ? { grant_param: o.grantParam } : {}),
        ...Object.fromEntries(Object.entries(o.redirectExtras?.(q) ?? {}).map(([k, v]) => [`${REDIRECT_EXTRA}${k}`, v])),
      };
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize · ${esc(o.platformName)} emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#0f172a}label{display:block;margin:.5rem 0}
input[type=text]{width:100%;padding:.5rem;border:1px solid #94a3b8;border-radius:.375rem}button{padding:.5rem 1rem;border-radius:.375rem;border:1px solid #334155;margin-right:.5rem;cursor:pointer}
.approve{background:#1d4ed8;color:#fff;border-color:#1d4ed8}.note{color:#475569;font-size:.875rem}</style></head><body>
<main><h1>${esc(o.platformName)} (emulator)</h1><p>An application wants to use your ${esc(o.platformName)} account.</p>
<form method="post" action="/_emulator/authorize">
${Object.entries(hidden)
  .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`)
  .join("\n")}
<label for="username">Sign in as</label><input type="text" id="username" name="username" value="emu_${esc(o.platform.replace(/-/g, "_"))}">
<fieldset><legend>Permissions</legend>${scopes.map((s) => `<label><input type="checkbox" name="scope" value="${esc(s)}" checked> ${esc(s)}</label>`).join("")}</fieldset>
<p><button class="approve" type="submit" name="decision" value="approve">Approve</button><button type="submit" name="decision" value="deny">Deny</button></p>
<p class="note">This is the platform emulator: nothing is sent to the real ${esc(o.platformName)}.</p></form></main></body></html>`;
      return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: html };
    },
  };
}

/** POST /_emulator/authorize: the approve/deny decision, redirecting back to the app. */
export function decideAuthorization(state: EmulatorState, req: EmuRequest): EmuResponse {
  const f = req.form();
  const redirect = new URL(f.get("redirect_uri") ?? "");
  redirect.searchParams.set("state", f.get("state") ?? "");
  if (f.get("decision") !== "approve") {
    redirect.searchParams.set("error", "access_denied");
    redirect.searchParams.set("error_description", "The user denied the request");
  } else {
    const platform = f.get("platform") ?? "";
    const account = state.account(platform, f.get("username") || `emu_${platform}`);
    const code = state.issueCode({
      platform,
      clientId: f.get("client_id") ?? "",
      redirectUri: f.get("redirect_uri") ?? "",
      scopes: f.getAll("scope"),
      accountId: account.id,
      challenge: f.get("code_challenge") || undefined,
    });
    redirect.searchParams.set(f.get("grant_param") || "code", code);
    for (const [k, v] of f) if (k.startsWith(REDIRECT_EXTRA)) redirect.searchParams.set(k.slice(REDIRECT_EXTRA.length), v);
  }
  return { status: 302, headers: { location: redirect.toString() } };
}

export type TokenOptions = {
  platform: string;
  path: string;
  clientAuth: "basic" | "body";
  refresh: boolean;
  scopeSeparator: string;
  /** The platform's OAuth error shape. */
  error: (status: number, error: string, description: string) => EmuResponse;
  /** Extra fields the platform adds to token answers. */
  extra?: (grantScopes: string[]) => Record<string, unknown>;
  omitExpiresIn?: boolean;
};

function clientFrom(req: EmuRequest, how: "basic" | "body"): { id: string; secret: string } | undefined {
  if (how === "basic") {
    const h = req.headers.authorization ?? "";
    if (!h.startsWith("Basic ")) return undefined;
    const [id, secret] = Buffer.from(h.slice(6), "base64").toString().split(":");
    return { id: decodeURIComponent(id ?? ""), secret: decodeURIComponent(secret ?? "") };
  }
  const f = req.form();
  return f.get("client_id") ? { id: f.get("client_id")!, secret: f.get("client_secret") ?? "" } : undefined;
}

export function tokenRoute(state: EmulatorState, o: TokenOptions): Route {
  return {
    method: "POST",
    path: o.path,
    name: "token",
    handle(req) {
      if (!(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
        return o.error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
      }
      const client = clientFrom(req, o.clientAuth);
      if (!client || clientSecretFor(state, o.platform, client.id) !== client.secret) {
        return o.error(
          401,
          "invalid_client",
          `Client authentication failed (expected ${o.clientAuth === "basic" ? "HTTP Basic" : "client_id and client_secret in the body"})`,
        );
      }
      const f = req.form();
      const answer = (t: ReturnType<EmulatorState["issueTokens"]>, scopes: string[]) =>
        json(200, {
          token_type: "bearer",
          access_token: t.accessToken,
          ...(o.omitExpiresIn ? {} : { expires_in: t.expiresIn }),
          ...(t.refreshToken ? { refresh_token: t.refreshToken } : {}),
          scope: scopes.join(o.scopeSeparator),
          ...o.extra?.(scopes),
        });
      if (f.get("grant_type") === "authorization_code") {
        const code = state.redeemCode(f.get("code") ?? "", {
          clientId: client.id,
          redirectUri: f.get("redirect_uri") ?? "",
          verifier: f.get("code_verifier") ?? undefined,
        });
        if (typeof code === "string") return o.error(400, "invalid_grant", code);
        return answer(state.issueTokens(o.platform, code.accountId, client.id, code.scopes, o.refresh), code.scopes);
      }
      if (f.get("grant_type") === "refresh_token" && o.refresh) {
        const rotated = state.rotate(o.platform, f.get("refresh_token") ?? "");
        if (rotated === "reused") return o.error(400, "invalid_grant", "The refresh token was already used; the grant has been revoked");
        if (rotated === "invalid") return o.error(400, "invalid_grant", "The refresh token is invalid or revoked");
        return answer(rotated, state.grants.get(rotated.grantId)!.scopes);
      }
      return o.error(400, "unsupported_grant_type", `grant_type ${f.get("grant_type") ?? "(missing)"} is not supported`);
    },
  };
}
