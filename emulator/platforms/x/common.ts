import { allScopes, bearerGrant, type Refusals } from "@/emulator/kit/access";
import { envelope } from "@/emulator/kit/envelope";
import { withRateLimits as windowed } from "@/emulator/kit/rate-limit";
import type { EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";

// What the X emulator's routes share: X's problem bodies, the bearer/scope check, the
// x-rate-limit-* headers with per-user windows, and the upload sessions behind media ids.

const PROBLEMS = "https://api.x.com/2/problems";

/** X's RFC 7807 problem body. */
export const problem = envelope((status, title: string, detail: string, type = "about:blank") => ({ title, detail, type, status }));

/** Schema-level refusals: X lists each broken parameter in errors[]. */
export const invalidRequest = (...messages: string[]): EmuResponse =>
  json(400, {
    errors: messages.map((message) => ({ message })),
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: `${PROBLEMS}/invalid-request`,
  });

/** Query parameter refusals, each naming its parameter and value as X does. */
export const invalidParameters = (...problems: { name: string; value: string; message: string }[]): EmuResponse =>
  json(400, {
    errors: problems.map((p) => ({ parameters: { [p.name]: [p.value] }, message: p.message })),
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: `${PROBLEMS}/invalid-request`,
  });

/** Post text as X's read endpoints return it: &, < and > as HTML entities. */
export const readText = (text: string) => text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));

export const unauthorized = () => problem(401, "Unauthorized", "Unauthorized");
export const notPermitted = () => problem(403, "Forbidden", "You are not permitted to perform this action.");
export const duplicate = () => problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
export const tooManyRequests = () => problem(429, "Too Many Requests", "Too Many Requests");
export const serviceUnavailable = () => problem(503, "Service Unavailable", "Service Unavailable");

// X says 401 for every unusable token, and 403 for a grant without the scope.
const REFUSALS: Refusals = { missing: unauthorized, invalid: unauthorized, expired: unauthorized, scope: notPermitted };

/** The grant behind the bearer token when it holds every scope, or X's refusal. */
export const guard = (state: EmulatorState, req: EmuRequest, scopes: string[]): Grant | EmuResponse =>
  bearerGrant(state, "x", req.bearer(), REFUSALS, allScopes(scopes));

/** X's per-user 15-minute windows: every answer carries x-rate-limit-*, and a user past the limit gets 429 until the reset. */
export const withRateLimits = (state: EmulatorState, route: Route, limit: number): Route =>
  windowed(state, route, { platform: "x", limit, windowSeconds: 15 * 60, dialect: "x-rate-limit", refuse: tooManyRequests });

export type Upload = {
  id: string;
  accountId: string;
  category: string;
  mediaType: string;
  totalBytes: number;
  segments: Map<number, Buffer>;
  state: "uploading" | "pending" | "in_progress" | "succeeded" | "failed";
  error?: { code: number; name: string; message: string };
};

const uploadsByState = new WeakMap<EmulatorState, Map<string, Upload>>();

/** Upload sessions and processing states, next to the media ids the state records. */
export function uploads(state: EmulatorState): Map<string, Upload> {
  let m = uploadsByState.get(state);
  if (!m) uploadsByState.set(state, (m = new Map()));
  return m;
}
