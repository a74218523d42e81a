import type { EmulatorState } from "../state";
import type { EmuResponse, PlatformEmulator } from "../types";
import { withHeaders } from "./envelope";
import { limitHeaders, type LimitDialect } from "./rate-limit";

// Fault injection: a test queues a fault (POST /_emulator/faults) and the next calls of a route
// answer with the platform's documented error for it instead of doing the work, or, for
// "timeout", hang after (optionally) doing it. Each platform lists its answers in `faults`; the
// builders below make the ones most platforms share.

export type Answer = EmuResponse & { hangMs?: number };

/**
 * The queued fault's answer for a call of route `routeName`, or undefined to answer normally (no
 * fault queued, or one this platform has no answer for). `run` does the call's work.
 */
export async function faultAnswer(
  state: EmulatorState,
  platform: PlatformEmulator,
  routeName: string,
  run: () => EmuResponse | Promise<EmuResponse>,
): Promise<Answer | undefined> {
  const fault = state.takeFault(platform.id, routeName);
  if (!fault) return undefined;
  if (fault.kind === "timeout") {
    // "processed": the platform did the work but the answer never arrives.
    if (fault.processed) await run();
    return { status: 504, body: { error: "timeout" }, hangMs: fault.delayMs ?? 60_000 };
  }
  const answer = platform.faults[fault.kind as keyof PlatformEmulator["faults"]];
  return answer?.({ retryAfterSeconds: fault.retryAfterSeconds });
}

/** The "rate-limit" fault: the platform's 429 with its window headers saying when to come back. */
export function rateLimitFault(dialect: LimitDialect, limit: number, refuse: () => EmuResponse, windowSeconds?: number) {
  return ({ retryAfterSeconds }: { retryAfterSeconds: number }): EmuResponse =>
    withHeaders(refuse(), limitHeaders(dialect, { limit, remaining: 0, resetAt: Date.now() + retryAfterSeconds * 1000, windowSeconds }));
}

/** An error answer that still carries a fresh window's headers, as platforms that send them on every answer do. */
export function inOpenWindow(answer: EmuResponse, dialect: LimitDialect, limit: number, windowSeconds: number): EmuResponse {
  return withHeaders(answer, limitHeaders(dialect, { limit, remaining: limit - 1, resetAt: Date.now() + windowSeconds * 1000 }));
}
