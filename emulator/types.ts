import type { WebSocket } from "ws";
import type { EmulatorState } from "./state";

// A platform emulator is a list of routes under /<platform id>/, plus how that platform answers
// each kind of injectable fault, in its documented error shapes.

export type EmuRequest = {
  method: string;
  /** Path below the platform prefix, e.g. "/2/tweets". */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
  /** The emulator's own public base for this platform, e.g. http://127.0.0.1:4400/x */
  base: string;
  json<T = Record<string, unknown>>(): T;
  form(): URLSearchParams;
  bearer(): string | undefined;
};

export type EmuResponse = { status: number; headers?: Record<string, string>; body?: unknown };

export type RouteParams = Record<string, string>;
export type Route = {
  method: string;
  /** "/2/tweets/:id" style pattern. */
  path: string;
  /** Name used by fault injection ("post", "media", "token", "profile", ...). */
  name: string;
  handle: (req: EmuRequest, params: RouteParams) => EmuResponse | Promise<EmuResponse>;
};

export type FaultKind = "expired-token" | "missing-scope" | "rate-limit" | "server-error" | "duplicate" | "timeout";

export type PlatformEmulator = {
  id: string;
  name: string;
  /** Short HTML shown on the emulator's home page (e.g. test credentials). */
  notes?: string;
  routes(state: EmulatorState): Route[];
  /** The platform's documented answer for each fault kind it has (retryAfterSeconds for rate limits). */
  faults: Partial<Record<Exclude<FaultKind, "timeout">, (opts: { retryAfterSeconds: number }) => EmuResponse>>;
  /**
   * Platforms spoken over WebSocket (a Nostr relay): a connection upgraded at /<id>/<path>, with the
   * emulator's public base for the platform. The platform consults faults itself (state.takeFault).
   */
  socket?(state: EmulatorState, ws: WebSocket, req: { path: string; base: string }): void;
  /** Gives an account a past: posts made over the `days` days before now (analytics demos and tests). */
  seedHistory?(state: EmulatorState, accountId: string, days: number): number;
};

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse => ({ status, body, headers });
