import { authorizeRoute, clientSecretFor } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuResponse, type Route } from "@/emulator/types";
import { apiError, grantOf, isAnswer, logId, ok, PLATFORM } from "./support";

// Login Kit OAuth v2 (developers.tiktok.com/doc/login-kit-web, /doc/oauth-user-access-token-management,
// /doc/oauth-error-handling; ../shared/platforms/tiktok.md §1): GET www.tiktok.com/v2/auth/authorize/
// with client_key (not client_id), comma-separated scope, response_type=code, redirect_uri and
// state; POST open.tiktokapis.com/v2/oauth/token/, form-encoded, with client_key and client_secret
// in the body, answers a flat token object; refresh tokens rotate (the used one stops working).
// OAuth errors are {"error","error_description","log_id"}. Here both hosts live under /tiktok.

const oauthError = (status: number, error: string, description: string): EmuResponse =>
  json(status, { error, error_description: description, log_id: logId() });

const USER_FIELDS: Record<string, string> = {
  open_id: "user.info.basic",
  union_id: "user.info.basic",
  avatar_url: "user.info.basic",
  avatar_url_100: "user.info.basic",
  avatar_large_url: "user.info.basic",
  display_name: "user.info.basic",
  username: "user.info.profile",
  bio_description: "user.info.profile",
  profile_deep_link: "user.info.profile",
  is_verified: "user.info.profile",
  follower_count: "user.info.stats",
  following_count: "user.info.stats",
  likes_count: "user.info.stats",
  video_count: "user.info.stats",
};

export function authRoutes(state: EmulatorState): Route[] {
  const authorize = authorizeRoute(state, {
    platform: PLATFORM,
    platformName: "TikTok",
    path: "/v2/auth/authorize/",
    pkceRequired: false,
    scopeSeparator: ",",
  });
  return [
    {
      ...authorize,
      handle(req, params) {
        // TikTok names the app client_key; a client_id is not read.
        const key = req.query.get("client_key");
        if (!key)
          return {
            status: 400,
            headers: { "content-type": "text/html" },
            body: "<h1>Invalid authorization request</h1><p>client_key is required</p>",
          };
        const q = new URLSearchParams(req.query);
        q.set("client_id", key);
        return authorize.handle({ ...req, query: q }, params);
      },
    },
    {
      method: "POST",
      path: "/v2/oauth/token/",
      name: "token",
      handle(req) {
        if (!(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded"))
          return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
        const f = req.form();
        const clientKey = f.get("client_key") ?? "";
        if (!clientKey || clientSecretFor(state, PLATFORM, clientKey) !== (f.get("client_secret") ?? ""))
          return oauthError(401, "invalid_client", "Client key or secret is invalid.");
        const answer = (t: ReturnType<EmulatorState["issueTokens"]>, scopes: string[], accountId: string) =>
          json(200, {
            open_id: accountId,
            scope: scopes.join(","),
            access_token: t.accessToken,
            expires_in: t.expiresIn,
            refresh_token: t.refreshToken,
            refresh_expires_in: 31_536_000,
            token_type: "Bearer",
          });
        const grant = f.get("grant_type");
        if (grant === "authorization_code") {
          const code = state.redeemCode(decodeURIComponent(f.get("code") ?? ""), {
            clientId: clientKey,
            redirectUri: f.get("redirect_uri") ?? "",
          });
          if (typeof code === "string") return oauthError(400, "invalid_grant", code);
          return answer(state.issueTokens(PLATFORM, code.accountId, clientKey, code.scopes, true), code.scopes, code.accountId);
        }
        if (grant === "refresh_token") {
          const rotated = state.rotate(PLATFORM, f.get("refresh_token") ?? "");
          if (rotated === "reused") return oauthError(400, "invalid_grant", "Refresh token is invalid or expired.");
          if (rotated === "invalid") return oauthError(400, "invalid_grant", "Refresh token is invalid or expired.");
          const g = state.grants.get(rotated.grantId)!;
          return answer(rotated, g.scopes, g.accountId);
        }
        return oauthError(400, "unsupported_grant_type", `grant_type ${grant ?? "(missing)"} is not supported`);
      },
    },
    {
      method: "GET",
      path: "/v2/user/info/",
      name: "user-info",
      handle(req) {
        const fields = (req.query.get("fields") ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        if (!fields.length) return apiError(400, "invalid_params", "fields is required");
        const unknown = fields.filter((f) => !USER_FIELDS[f]);
        if (unknown.length) return apiError(400, "invalid_params", `Unknown fields: ${unknown.join(",")}`);
        const needed = [...new Set(fields.map((f) => USER_FIELDS[f]!))];
        const grant = grantOf(state, req, (held) => needed.every((s) => held.includes(s)));
        if (isAnswer(grant)) return grant;
        const acc = state.getAccount(PLATFORM, grant.accountId)!;
        const mine = state.posts.filter((p) => p.platform === PLATFORM && p.accountId === acc.id && p.extra?.visible === true);
        const all: Record<string, unknown> = {
          open_id: acc.id,
          union_id: `u-${acc.id}`,
          avatar_url: `${req.base}/avatar/${acc.id}.jpeg`,
          display_name: acc.name,
          username: acc.username,
          bio_description: "",
          profile_deep_link: `https://www.tiktok.com/@${acc.username}`,
          is_verified: false,
          follower_count: 1200 + (acc.username.length % 7) * 31,
          following_count: 87,
          likes_count: 5400,
          video_count: mine.length,
        };
        return ok({ user: Object.fromEntries(fields.map((f) => [f, all[f]])) });
      },
    },
  ];
}
