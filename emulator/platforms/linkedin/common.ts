import { bearerGrant, isAnswer, type Refusals } from "@/emulator/kit/access";
import { envelope } from "@/emulator/kit/envelope";
import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import type { EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";

// Pieces every LinkedIn emulator shares: the documented error bodies, the checks every /rest call
// passes (token, LinkedIn-Version, Rest.li protocol), OAuth, and the fault answers.

/** LinkedIn's error body: status, code and message, with a serviceErrorCode on some. */
export const liError = envelope((status, code: string, message: string, serviceErrorCode?: number) => ({
  status,
  ...(serviceErrorCode !== undefined ? { serviceErrorCode } : {}),
  code,
  message,
}));

/** A Rest.li collection (finders and statistics): one page holding every element. */
export const collection = (elements: unknown[]): EmuResponse => json(200, { paging: { start: 0, count: 10, links: [] }, elements });

/** Rest.li's validation answer: which field, and why. */
export const inputError = (status: number, fieldPath: string, code: string, message: string): EmuResponse =>
  json(status, {
    errorDetailType: "com.linkedin.common.error.BadRequest",
    message: `ERROR :: ${fieldPath} :: ${message}`,
    errorDetails: { inputErrors: [{ description: message, input: { inputPath: { fieldPath } }, code }] },
    status,
  });

export const accessDenied = (what: string) => liError(403, "ACCESS_DENIED", `Not enough permissions to access: ${what}`, 100);

const expired = () => liError(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request is expired", 65600);

/** The grant behind the bearer token, or LinkedIn's 401 for why there is none. */
export const grantFor = (state: EmulatorState, platform: string, req: EmuRequest): Grant | EmuResponse =>
  bearerGrant(state, platform, req.bearer(), REFUSALS);

const invalidToken = () => liError(401, "INVALID_ACCESS_TOKEN", "Invalid access token", 65600);
const REFUSALS: Refusals = {
  missing: invalidToken,
  invalid: invalidToken,
  expired,
  revoked: () => liError(401, "REVOKED_ACCESS_TOKEN", "The token used in the request has been revoked by the user", 65601),
};

/**
 * The newest LinkedIn-Version (YYYYMM) this emulator was checked against (LinkedIn's versioning
 * page). Its own figure, not the provider's default, so a provider on a retired version is refused.
 */
export const KNOWN_LINKEDIN_VERSION = "202610";

const monthIndex = (v: string) => Number(v.slice(0, 4)) * 12 + Number(v.slice(4, 6)) - 1;

// LinkedIn serves a version for about a year. The window is anchored on the version above as
// well as today, so the suite does not start failing on a date; an older version answers 426.
function versionProblem(v: string | undefined): EmuResponse | undefined {
  if (!v)
    return liError(400, "VERSION_MISSING", "A version must be present. Please specify a version by adding the LinkedIn-Version header.");
  const d = new Date();
  const newest = Math.max(d.getUTCFullYear() * 12 + d.getUTCMonth(), monthIndex(KNOWN_LINKEDIN_VERSION));
  const ok = /^\d{6}(\.\d{2})?$/.test(v) && Number(v.slice(4, 6)) >= 1 && Number(v.slice(4, 6)) <= 12;
  if (!ok || monthIndex(v) > newest || monthIndex(v) < monthIndex(KNOWN_LINKEDIN_VERSION) - 12) {
    return liError(426, "NONEXISTENT_VERSION", `Requested version ${v} is not active`);
  }
  return undefined;
}

/** Token, version and protocol checks of every /rest/* call; returns the grant when all pass. */
export function restCall(state: EmulatorState, platform: string, req: EmuRequest): Grant | EmuResponse {
  const grant = grantFor(state, platform, req);
  if (isAnswer(grant)) return grant;
  const bad = versionProblem(req.headers["linkedin-version"]);
  if (bad) return bad;
  // The versioned API speaks Rest.li 2.0 (URN encoding, query syntax); the emulator insists on it.
  if (req.headers["x-restli-protocol-version"] !== "2.0.0") {
    return liError(400, "INVALID_PROTOCOL_VERSION", "X-Restli-Protocol-Version: 2.0.0 is required by the versioned API");
  }
  return grant;
}

export function readJson<T>(req: EmuRequest): { body: T } | { error: EmuResponse } {
  if (!(req.headers["content-type"] ?? "").includes("application/json"))
    return { error: liError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json") };
  try {
    return { body: req.json<T>() };
  } catch {
    return { error: liError(400, "BAD_REQUEST", "The request body is not valid JSON") };
  }
}

const LINKEDIN_TOKEN_SECONDS = 5_184_000; // 60 days
const EMULATOR_DEFAULT_TTL = 7_200;

/** LinkedIn's authorize page and token endpoint: secret in the body, scopes answered comma-joined. */
export function oauthRoutes(state: EmulatorState, platform: string, platformName: string): Route[] {
  const token = tokenRoute(state, {
    platform,
    path: "/oauth/v2/accessToken",
    clientAuth: "body",
    refresh: true,
    scopeSeparator: ",",
    error: (status, error, description) => json(status, { error, error_description: description }),
    extra: () => ({ refresh_token_expires_in: 31_536_000 }),
  });
  return [
    authorizeRoute(state, { platform, platformName, path: "/oauth/v2/authorization", pkceRequired: false, scopeSeparator: " " }),
    {
      ...token,
      // LinkedIn tokens live 60 days; a test that shortened the emulator's lifetime keeps its own.
      async handle(req, params) {
        const res = await token.handle(req, params);
        const body = res.body as { access_token?: string; expires_in?: number } | undefined;
        const at = body?.access_token ? state.accessTokens.get(body.access_token) : undefined;
        if (res.status !== 200 || !at || !body || state.accessTtlSeconds < EMULATOR_DEFAULT_TTL) return res;
        at.expiresAt = Date.now() + LINKEDIN_TOKEN_SECONDS * 1000;
        return { ...res, body: { ...body, expires_in: LINKEDIN_TOKEN_SECONDS } };
      },
    },
  ];
}

// A 1x1 PNG, so profile and logo pictures the emulator hands out load in the app.
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** GET /v2/userinfo (OpenID Connect) and the pictures it points at. */
export function memberRoutes(state: EmulatorState, platform: string): Route[] {
  return [
    {
      method: "GET",
      path: "/v2/userinfo",
      name: "profile",
      handle(req) {
        const grant = grantFor(state, platform, req);
        if (isAnswer(grant)) return grant;
        if (!grant.scopes.includes("openid") || !grant.scopes.includes("profile"))
          return accessDenied("userinfo (openid and profile scopes are required)");
        const acc = state.getAccount(platform, grant.accountId)!;
        const [given = acc.name, ...rest] = acc.name.split(" ");
        return json(200, {
          sub: acc.id,
          name: acc.name,
          given_name: given,
          family_name: rest.join(" "),
          picture: `${req.base}/media/${acc.id}.png`,
          locale: { country: "US", language: "en" },
        });
      },
    },
    {
      method: "GET",
      path: "/media/:file",
      name: "media-file",
      handle: () => ({ status: 200, headers: { "content-type": "image/png" }, body: PIXEL }),
    },
  ];
}

export const linkedInFaults: PlatformEmulator["faults"] = {
  "expired-token": () => expired(),
  "missing-scope": () => accessDenied(`partnerApiPostsExternal.CREATE.${KNOWN_LINKEDIN_VERSION}01`),
  // LinkedIn's quotas are daily and its 429 carries no Retry-After or reset header.
  "rate-limit": () =>
    json(429, { status: 429, message: "Resource level throttle APPLICATION DAY limit for calls to this resource is reached." }),
  "server-error": () => json(500, { status: 500, message: "Internal Server Error" }),
  duplicate: () => duplicateAnswer(`urn:li:share:7${Date.now()}`),
};

export function duplicateAnswer(existing: string): EmuResponse {
  return json(422, {
    errorDetailType: "com.linkedin.common.error.BadRequest",
    message: `ERROR :: /commentary :: Content is a duplicate of ${existing}`,
    errorDetails: {
      inputErrors: [
        {
          description: `Content is a duplicate of ${existing}`,
          input: { inputPath: { fieldPath: "/commentary" } },
          code: "DUPLICATE_POST",
        },
      ],
    },
    status: 422,
  });
}
