import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { EmulatorState, Grant } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";
import { ghostError } from "./envelope";

// Admin API key authentication as Ghost documents it (docs.ghost.org/admin-api, "Token
// authentication"): `Authorization: Ghost <jwt>`, an HS256 JWT whose header `kid` is the key's
// id, signed with the hex-decoded secret, with `aud` "/admin/", refused 5 minutes after `iat`.
// The emulator hosts many sites (<emulator>/ghost/<site>, and the root site <emulator>/ghost),
// each with one custom integration whose key is derived from the site's name.

export const P = "ghost";
const MAX_AGE_S = 300;

export type Site = { name: string; accountId: string };

/** The Admin API key of the site's integration (shown on its emulated Ghost Admin page). */
export function adminKeyFor(site: string): string {
  const hex = (what: string) => createHash("sha256").update(`ghost-emulator:${what}:${site}`).digest("hex");
  return `${hex("id").slice(0, 24)}:${hex("secret")}`;
}

export const siteOf = (name: string | undefined): Site => ({ name: name ?? "", accountId: name || "default-site" });

const grantId = (site: Site) => `ghost-integration-${site.accountId}`;

/** The site's integration as a grant: revoking it is deleting the integration in Ghost Admin. */
function integration(state: EmulatorState, site: Site): Grant {
  const id = grantId(site);
  let g = state.grants.get(id);
  if (!g) {
    g = { id, platform: P, accountId: site.accountId, clientId: "custom-integration", scopes: [], revoked: false };
    state.grants.set(id, g);
    state.account(P, site.accountId, { id: site.accountId, name: site.name || "Ghost emulator" });
  }
  return g;
}

const unauthorized = (message: string, code: string, status = 401) =>
  ghostError(status, status === 400 ? "BadRequestError" : "UnauthorizedError", message, { code });
const invalidJwt = (reason: string) => unauthorized(`Invalid token: ${reason}`, "INVALID_JWT");

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The site's integration when the request carries a valid Admin API token, else Ghost's refusal. */
export function requireIntegration(state: EmulatorState, req: EmuRequest, site: Site): Grant | EmuResponse {
  const header = req.headers.authorization;
  if (!header)
    return ghostError(401, "UnauthorizedError", "Authorization failed", {
      context:
        "Unable to determine the authenticated user or integration. Check that cookies are being passed through if using session authentication.",
    });
  const [scheme, token] = header.split(" ");
  if (!token || scheme?.toLowerCase() !== "ghost")
    return unauthorized('Authorization header format is "Authorization: Ghost [token]"', "INVALID_AUTH_HEADER");
  const [h, p, sig] = token.split(".");
  const head = decodePart(h);
  const claims = decodePart(p);
  if (!head || !claims || !sig) return unauthorized("Invalid token", "INVALID_JWT", 400);
  if (typeof head.kid !== "string" || !head.kid) return unauthorized("Admin API kid missing.", "MISSING_ADMIN_API_KID", 400);
  const [id, secret] = adminKeyFor(site.name).split(":") as [string, string];
  const grant = integration(state, site);
  if (head.kid !== id || grant.revoked) return unauthorized("Unknown Admin API Key", "UNKNOWN_ADMIN_API_KEY");
  if (head.alg !== "HS256") return invalidJwt("invalid algorithm");
  const expected = createHmac("sha256", Buffer.from(secret, "hex")).update(`${h}.${p}`).digest();
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalidJwt("invalid signature");
  const now = Math.floor(Date.now() / 1000);
  const aud = claims.aud;
  if (!(Array.isArray(aud) ? aud : [aud]).some((a) => typeof a === "string" && /\/?admin\/?$/.test(a)))
    return invalidJwt("jwt audience invalid. expected: /^\\/?admin\\/?$/");
  if (typeof claims.exp === "number" && claims.exp <= now) return invalidJwt("jwt expired");
  if (typeof claims.iat !== "number") return invalidJwt("iat required when maxAge is specified");
  if (now - claims.iat > MAX_AGE_S) return invalidJwt("maxAge exceeded");
  // Each token seen is remembered by its signature, so tests can expire it (state.expireTokens)
  // or find the integration behind a stored token.
  const seen = state.accessTokens.get(sig);
  if (seen && seen.expiresAt < Date.now()) return invalidJwt("jwt expired");
  if (!seen) state.accessTokens.set(sig, { grantId: grant.id, expiresAt: ((claims.exp as number) ?? claims.iat + MAX_AGE_S) * 1000 });
  return grant;
}
