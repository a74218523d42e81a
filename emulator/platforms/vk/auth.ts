import { createHash, randomBytes } from "node:crypto";
import { authorizeRoute, clientSecretFor } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuResponse, type Route } from "@/emulator/types";
import { PLATFORM, userIdOf } from "./support";

// VK ID, OAuth 2.1 (id.vk.com docs "Справочник методов"; ../shared/platforms/vk.md §1): GET
// /authorize (response_type=code, client_id, redirect_uri, state, code_challenge S256, space-separated
// scope) sends the user back with code, state and device_id; POST /oauth2/auth, form-encoded only,
// swaps the code (code_verifier, client_id, device_id, redirect_uri, state; no client secret) and
// refreshes (refresh_token, client_id, device_id, state) with rotation; POST /oauth2/user_info.
// Errors are OAuth's {"error","error_description"}.

const oauthError = (status: number, error: string, description: string): EmuResponse =>
  json(status, { error, error_description: description });

const challengeOf = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

/** The device ids VK ID handed out: per authorization request (by its code_challenge), then per grant. */
type Devices = { byChallenge: Map<string, string>; byGrant: Map<string, string> };

export function vkIdRoutes(state: EmulatorState): Route[] {
  const devices: Devices = { byChallenge: new Map(), byGrant: new Map() };
  return [
    authorizeRoute(state, {
      platform: PLATFORM,
      platformName: "VK ID",
      path: "/authorize",
      pkceRequired: true,
      scopeSeparator: " ",
      redirectExtras: (q) => {
        const device = `emu-device-${randomBytes(6).toString("hex")}`;
        devices.byChallenge.set(q.get("code_challenge") ?? "", device);
        return { device_id: device };
      },
    }),
    tokenRoute(state, devices),
    userInfoRoute(state),
  ];
}

function tokenRoute(state: EmulatorState, devices: Devices): Route {
  return {
    method: "POST",
    path: "/oauth2/auth",
    name: "token",
    handle(req) {
      if (!(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded"))
        return oauthError(400, "invalid_request", "Send the parameters as application/x-www-form-urlencoded");
      const f = req.form();
      const clientId = f.get("client_id") ?? "";
      if (!clientSecretFor(state, PLATFORM, clientId)) return oauthError(401, "invalid_client", `Unknown client_id "${clientId}"`);
      const missing = (names: string[]) => names.filter((n) => !f.get(n));
      const answer = (t: ReturnType<EmulatorState["issueTokens"]>, accountId: string, scopes: string[]) => {
        const acc = state.getAccount(PLATFORM, accountId);
        return json(200, {
          access_token: t.accessToken,
          refresh_token: t.refreshToken,
          id_token: `emu.${Buffer.from(JSON.stringify({ sub: acc ? userIdOf(acc) : 0 })).toString("base64url")}.sig`,
          token_type: "Bearer",
          expires_in: t.expiresIn,
          user_id: acc ? userIdOf(acc) : 0,
          state: f.get("state"),
          scope: ["vkid.personal_info", ...scopes].join(" "),
        });
      };
      const grantType = f.get("grant_type");
      if (grantType === "authorization_code") {
        const lacking = missing(["code", "code_verifier", "device_id", "redirect_uri", "state"]);
        if (lacking.length) return oauthError(400, "invalid_request", `Missing: ${lacking.join(", ")}`);
        const device = devices.byChallenge.get(challengeOf(f.get("code_verifier")!));
        if (device !== f.get("device_id")) return oauthError(400, "invalid_request", "device_id does not match the authorization request");
        const code = state.redeemCode(f.get("code")!, { clientId, redirectUri: f.get("redirect_uri")!, verifier: f.get("code_verifier")! });
        if (typeof code === "string") return oauthError(400, "invalid_grant", code);
        const t = state.issueTokens(PLATFORM, code.accountId, clientId, code.scopes, true);
        devices.byGrant.set(t.grantId, device);
        return answer(t, code.accountId, code.scopes);
      }
      if (grantType === "refresh_token") {
        const lacking = missing(["refresh_token", "device_id", "state"]);
        if (lacking.length) return oauthError(400, "invalid_request", `Missing: ${lacking.join(", ")}`);
        const known = state.refreshTokens.get(f.get("refresh_token")!);
        if (known && devices.byGrant.get(known.grantId) !== f.get("device_id"))
          return oauthError(400, "invalid_grant", "The refresh token was issued to another device_id");
        const rotated = state.rotate(PLATFORM, f.get("refresh_token")!);
        if (rotated === "reused") return oauthError(400, "invalid_grant", "The refresh token was already used; the grant has been revoked");
        if (rotated === "invalid") return oauthError(400, "invalid_grant", "The refresh token is invalid or revoked");
        const grant = state.grants.get(rotated.grantId)!;
        return answer(rotated, grant.accountId, grant.scopes);
      }
      return oauthError(400, "unsupported_grant_type", `grant_type ${grantType ?? "(missing)"} is not supported`);
    },
  };
}

function userInfoRoute(state: EmulatorState): Route {
  return {
    method: "POST",
    path: "/oauth2/user_info",
    name: "profile",
    handle(req) {
      const f = req.form();
      if (!clientSecretFor(state, PLATFORM, f.get("client_id") ?? "")) return oauthError(401, "invalid_client", "Unknown client_id");
      const grant = state.checkAccess(PLATFORM, f.get("access_token") ?? undefined);
      if (typeof grant === "string") return oauthError(401, "invalid_token", `The access token is ${grant}`);
      const acc = state.getAccount(PLATFORM, grant.accountId);
      if (!acc) return oauthError(401, "invalid_token", "No such user");
      const [first, ...rest] = acc.name.split(" ");
      return json(200, {
        user: {
          user_id: String(userIdOf(acc)),
          first_name: first,
          last_name: rest.join(" "),
          avatar: `${req.base}/avatar/${userIdOf(acc)}.png`,
          verified: false,
        },
      });
    },
  };
}
