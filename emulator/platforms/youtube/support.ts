import { bearerGrant, isAnswer } from "@/emulator/kit/access";
import { envelope } from "@/emulator/kit/envelope";
import type { Account, EmulatorState, Grant } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";

// What every emulated YouTube call shares, from Google's documentation
// (developers.google.com/youtube/v3/docs/errors): the error envelope
// {"error":{"code","message","errors":[{"message","domain","reason"}],"status"}}, and the bearer
// check with Google's answers (401 authError for a bad or expired token, 403 insufficientPermissions
// for a missing scope).

export const PLATFORM = "youtube";
export const SCOPE = {
  upload: "https://www.googleapis.com/auth/youtube.upload",
  readonly: "https://www.googleapis.com/auth/youtube.readonly",
  full: "https://www.googleapis.com/auth/youtube",
  forceSsl: "https://www.googleapis.com/auth/youtube.force-ssl",
  analytics: "https://www.googleapis.com/auth/yt-analytics.readonly",
};

const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export const googleError = envelope((status: number, reason: string, message: string, domain = "youtube.api") => ({
  error: { code: status, message, errors: [{ message, domain, reason }], status: STATUS[status] ?? "UNKNOWN" },
}));

export const invalidCredentials = () =>
  googleError(401, "authError", "Request had invalid authentication credentials. Expected OAuth 2 access token.", "global");
export const insufficientScopes = () =>
  googleError(403, "insufficientPermissions", "Request had insufficient authentication scopes.", "global");

/** The signed-in account and its grant, when the token is good and holds one of `scopes`; else Google's refusal. */
export function requireUser(state: EmulatorState, req: EmuRequest, scopes: string[]): { acc: Account; grant: Grant } | EmuResponse {
  const grant = bearerGrant(
    state,
    PLATFORM,
    req.bearer(),
    { missing: invalidCredentials, invalid: invalidCredentials, expired: invalidCredentials, scope: insufficientScopes },
    (held) => scopes.some((s) => held.includes(s)),
  );
  if (isAnswer(grant)) return grant;
  const acc = state.getAccount(PLATFORM, grant.accountId);
  if (!acc) return invalidCredentials();
  return { acc, grant };
}

/** The account's one channel (a Google sign-in is granted for one channel, chosen on Google's consent screen). */
export const channelOf = (acc: Account) => ({
  id: `UC${Buffer.from(acc.id).toString("base64url").slice(0, 22).padEnd(22, "x")}`,
  title: `${acc.name} channel`,
  customUrl: `@${acc.username.replace(/[^\w.-]/g, "")}`,
  country: "US",
});

/** videoCategories.list for the US (a subset of YouTube's real list, with its ids). */
export const CATEGORIES = [
  { id: "1", title: "Film & Animation", assignable: true },
  { id: "2", title: "Autos & Vehicles", assignable: true },
  { id: "10", title: "Music", assignable: true },
  { id: "17", title: "Sports", assignable: true },
  { id: "18", title: "Short Movies", assignable: false },
  { id: "20", title: "Gaming", assignable: true },
  { id: "22", title: "People & Blogs", assignable: true },
  { id: "24", title: "Entertainment", assignable: true },
  { id: "27", title: "Education", assignable: true },
  { id: "28", title: "Science & Technology", assignable: true },
];
