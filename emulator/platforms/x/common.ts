import type { EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";

// What the X emulator's routes share: X's problem bodies, the bearer/scope check, the
// x-rate-limit-* headers with per-user windows, and the upload sessions behind media ids.

const PROBLEMS = "https://api.x.com/2/problems";

export const problem = (status: number, title: string, detail: string, type = "about:blank", headers: Record<string, string> = {}) =>
  json(status, { title, detail, type, status }, headers);

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
export const rateLimited = (limit: number, resetAt: number) =>
  problem(429, "Too Many Requests", "Too Many Requests", "about:blank", limitHeaders(limit, 0, resetAt));
export const serviceUnavailable = () => problem(503, "Service Unavailable", "Service Unavailable");

export function limitHeaders(limit: number, remaining: number, resetAt: number): Record<string, string> {
  return { "x-rate-limit-limit": String(limit), "x-rate-limit-remaining": String(remaining), "x-rate-limit-reset": String(Math.floor(resetAt / 1000)) };
}

/** The grant behind the bearer token when it holds every scope, or X's refusal. */
export function guard(state: EmulatorState, req: EmuRequest, scopes: string[]): Grant | EmuResponse {
  const grant = state.checkAccess("x", req.bearer());
  if (typeof grant === "string") return unauthorized();
  if (!scopes.every((s) => grant.scopes.includes(s))) return notPermitted();
  return grant;
}

export const isAnswer = (x: Grant | EmuResponse): x is EmuResponse => "status" in x && typeof x.status === "number";

const WINDOW_MS = 15 * 60_000;

/**
 * Wraps routes with X's per-user 15-minute windows: every answer carries x-rate-limit-*, and
 * a user past the limit gets 429 until the window resets.
 */
export function withRateLimits(state: EmulatorState, route: Route, limit: number): Route {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    ...route,
    async handle(req, params) {
      if (!state.rateLimits) return route.handle(req, params);
      const grant = state.checkAccess("x", req.bearer());
      const who = typeof grant === "string" ? `anonymous` : grant.accountId;
      const now = Date.now();
      let w = windows.get(who);
      if (!w || now - w.start >= WINDOW_MS) windows.set(who, (w = { start: now, count: 0 }));
      const resetAt = w.start + WINDOW_MS;
      if (w.count >= limit) return rateLimited(limit, resetAt);
      w.count++;
      const answer = await route.handle(req, params);
      return { ...answer, headers: { ...limitHeaders(limit, limit - w.count, resetAt), ...answer.headers } };
    },
  };
}

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
