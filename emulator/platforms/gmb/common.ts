import { allScopes, bearerGrant, isAnswer, type Refusals } from "@/emulator/kit/access";
import { envelope } from "@/emulator/kit/envelope";
import type { EmulatorState, Grant } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";

// What every Business Profile API call shares in the emulator: Google's error body (google.rpc.Status
// as JSON: code, message, status, details) and the bearer check for the business.manage scope.

export const PLATFORM = "gmb";
export const SCOPE = "https://www.googleapis.com/auth/business.manage";

const STATUS_CODES: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export const googleError = envelope((status, canonical: string, message: string, details: unknown[] = []) => ({
  error: { code: status, message, status: canonical, ...(details.length ? { details } : {}) },
}));

export const gError = (canonical: keyof typeof STATUS_CODES, message: string, details: unknown[] = []) =>
  googleError(STATUS_CODES[canonical]!, canonical, message, details);

/** 400 INVALID_ARGUMENT with a BadRequest detail naming the field, as Google's APIs answer a bad body. */
export const badField = (field: string, description: string) =>
  gError("INVALID_ARGUMENT", "Request contains an invalid argument.", [
    { "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field, description }] },
  ]);

const unauthenticated = () =>
  gError(
    "UNAUTHENTICATED",
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
    [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED", domain: "googleapis.com" }],
  );

export const scopeInsufficient = () =>
  gError("PERMISSION_DENIED", "Request had insufficient authentication scopes.", [
    { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", domain: "googleapis.com" },
  ]);

const REFUSALS: Refusals = { missing: unauthenticated, invalid: unauthenticated, expired: unauthenticated, scope: scopeInsufficient };

export function authorized(state: EmulatorState, req: EmuRequest): Grant | EmuResponse {
  const grant = bearerGrant(state, PLATFORM, req.bearer(), REFUSALS);
  if (isAnswer(grant)) return grant;
  if (!allScopes([SCOPE])(grant.scopes)) return scopeInsufficient();
  return grant;
}

/** Each emulated user has one Business Profile account (accounts/<user id>) with two locations. */
export const accountOf = (userId: string) => `accounts/${userId}`;
export const locationsOf = (userId: string) => [
  { name: `locations/${userId}01`, title: "Corner Bakery", locality: "Springfield" },
  { name: `locations/${userId}02`, title: "Corner Bakery Downtown", locality: "Shelbyville" },
];
