import { createHash, randomBytes } from "node:crypto";
import { envelope } from "@/emulator/kit/envelope";
import type { Account, EmulatorState, Grant } from "@/emulator/state";
import type { EmuRequest, EmuResponse } from "@/emulator/types";

// The emulated site's users and their application passwords (HTTP Basic, login name and password).
// WordPress strips everything but letters and digits from an application password before checking
// it, so the groups of four may be sent with or without their spaces. Each distinct password sent
// is one grant in the shared state, so tests can revoke it as a user would in their profile.

export const P = "wordpress";

/** WordPress's REST error body: {"code", "message", "data": {"status", ...}}. */
export const wpError = envelope((status, code: string, message: string, data: Record<string, unknown> = {}) => ({
  code,
  message,
  data: { status, ...data },
}));

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The application password the emulated site has for `login`: 24 letters and digits, shown in groups of four. */
export function appPasswordFor(login: string): string {
  const h = createHash("sha256").update(`wordpress-app-password:${login.toLowerCase()}`).digest();
  const chars = Array.from(h.subarray(0, 24), (b) => ALPHABET[b % ALPHABET.length]).join("");
  return chars.match(/.{4}/g)!.join(" ");
}

/** Logins are user_login values: letters, digits, space, _ . - @ (sanitize_user, strict). */
const LOGIN = /^[A-Za-z0-9 _.@-]{1,60}$/;

/** The user behind a login, created on first use (ids are WordPress-like integers). */
export function userOf(state: EmulatorState, login: string): Account | undefined {
  if (!LOGIN.test(login)) return undefined;
  const id = String(2 + (createHash("sha1").update(login.toLowerCase()).digest().readUInt32BE(0) % 900_000));
  return state.account(P, login.toLowerCase(), { id, name: login.replace(/[._-]/g, " ") });
}

const notLoggedIn = () => wpError(401, "incorrect_password", "The provided password is an invalid application password.");

function basic(req: EmuRequest): { login: string; password: string } | undefined {
  const h = req.headers.authorization ?? "";
  if (!/^Basic\s+/i.test(h)) return undefined;
  const decoded = Buffer.from(h.replace(/^Basic\s+/i, ""), "base64").toString("utf8");
  const i = decoded.indexOf(":");
  return i < 0 ? undefined : { login: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/**
 * The signed-in user of a request, or WordPress's refusal. `required` false: anonymous requests
 * pass (public reads); credentials that are sent must still be right, as WordPress checks them.
 */
export function signedIn(state: EmulatorState, req: EmuRequest, required = true): { account: Account; grant: Grant } | EmuResponse | null {
  const creds = basic(req);
  if (!creds) {
    return required ? wpError(401, "rest_not_logged_in", "You are not currently logged in.") : null;
  }
  const account = userOf(state, creds.login);
  if (!account) {
    return wpError(401, "invalid_username", "<strong>Error:</strong> Unknown username. Check again or try your email address.");
  }
  const known = state.accessTokens.get(creds.password);
  if (known) {
    // Application passwords do not expire; only revoking one ends it.
    const grant = state.grants.get(known.grantId);
    if (!grant || grant.revoked || grant.accountId !== account.id) return notLoggedIn();
    return { account, grant };
  }
  if (creds.password.replace(/[^A-Za-z0-9]/g, "") !== appPasswordFor(account.username).replace(/ /g, "")) return notLoggedIn();
  const grant: Grant = {
    id: `grant_${randomBytes(9).toString("base64url")}`,
    platform: P,
    accountId: account.id,
    clientId: "application-password",
    scopes: [],
    revoked: false,
  };
  state.grants.set(grant.id, grant);
  state.accessTokens.set(creds.password, { grantId: grant.id, expiresAt: Number.MAX_SAFE_INTEGER });
  return { account, grant };
}

/** The site's terms: every emulated site has the same few. */
export const CATEGORIES = [
  { id: 1, name: "Uncategorized", slug: "uncategorized", parent: 0 },
  { id: 2, name: "News", slug: "news", parent: 0 },
  { id: 3, name: "Releases", slug: "releases", parent: 2 },
];
export const TAGS = [
  { id: 4, name: "postmill", slug: "postmill" },
  { id: 5, name: "launch", slug: "launch" },
];

/** The signed-in user, or WordPress's refusal when nobody (or a wrong password) is. */
export function requireUser(state: EmulatorState, req: EmuRequest): { account: Account; grant: Grant } | EmuResponse {
  return signedIn(state, req, true)!;
}
