import { ProviderError, type HandledError } from "../core/errors";
import type { RelayOutcome } from "./nostr.socket";

// Nostr has no HTTP API: a relay answers an EVENT with ["OK", id, true|false, "<prefix>: <message>"]
// (NIP-01), the prefix saying why. Each relay is judged on its own, and a post is published when at
// least one relay accepted it; only when none did is the post's outcome one of the four of
// providers/core/errors.ts, decided from the relays' reasons below.

/** Relays say "rate-limited" without saying for how long (NIP-01); wait this long before trying again. */
export const RATE_LIMIT_WAIT_MS = 10 * 60_000;

const RECONNECT = "Every relay refused this account; reconnect the channel with relays that accept it";

/** NIP-01's machine-readable prefixes, and what each means for the post. */
const PREFIXES: { prefix: RegExp; kind: HandledError["kind"]; advice: string; retryAfterMs?: number }[] = [
  { prefix: /^rate-limited:/, kind: "retry", advice: "the relay asks to slow down", retryAfterMs: RATE_LIMIT_WAIT_MS },
  { prefix: /^error:/, kind: "retry", advice: "the relay failed to store it" },
  { prefix: /^(blocked|restricted|auth-required):/, kind: "disconnect", advice: RECONNECT },
  { prefix: /^(invalid|pow|mute|duplicate):/, kind: "bad-body", advice: "the relay refused the note" },
];

/** One relay's refusal (the OK message) as one of the four outcomes; undefined for a reason without a known prefix. */
export function classifyRelayMessage(message: string): HandledError | undefined {
  const row = PREFIXES.find((r) => r.prefix.test(message.trim()));
  if (!row) return undefined;
  return { kind: row.kind, message: `${message.trim()} (${row.advice})`, ...(row.retryAfterMs ? { retryAfterMs: row.retryAfterMs } : {}) };
}

/** What the stored result says about the relays: which accepted, and each refusal as a warning. */
export type RelaySummary = { accepted: string[]; warnings: string[] };

const describe = (o: RelayOutcome) =>
  o.status === "unreachable"
    ? `${o.relay} could not be reached: ${o.message}`
    : o.status === "lost"
      ? `${o.relay} did not answer in time (it may still have stored the note)`
      : `${o.relay} refused it: ${o.message || "no reason given"}`;

/**
 * Published when at least one relay accepted (OK true, "duplicate:" included: it already had it).
 * Otherwise the outcome that lets the post succeed soonest wins: a lost answer (a retry that
 * may have published), then anything transient (rate limit, relay error, unreachable), then every
 * relay refusing the account (disconnect), else the note itself was refused (bad-body).
 */
export function summariseRelays(outcomes: RelayOutcome[]): RelaySummary {
  const accepted = outcomes.filter((o) => o.status === "accepted").map((o) => o.relay);
  const others = outcomes.filter((o) => o.status !== "accepted");
  // A NOTICE is a relay talking to the person (NIP-01): kept beside its verdict, whatever it was.
  const notices = outcomes.flatMap((o) => (o.notices ?? []).map((n) => `${o.relay} noted: ${n}`));
  const warnings = [...others.map(describe), ...notices];
  if (accepted.length > 0) return { accepted, warnings };

  const all = warnings.join("; ");
  if (others.some((o) => o.status === "lost"))
    throw new ProviderError("retry", `No relay confirmed the note: ${all}`, { mayHavePublished: true });
  const refusals = others.filter((o) => o.status === "refused").map((o) => ({ o, c: classifyRelayMessage(o.message) }));
  const transient = others.some((o) => o.status === "unreachable") || refusals.some((r) => r.c?.kind === "retry");
  if (transient) {
    const wait = Math.max(0, ...refusals.map((r) => r.c?.retryAfterMs ?? 0));
    throw new ProviderError("retry", `No relay accepted the note: ${all}`, wait ? { retryAfterMs: wait } : {});
  }
  if (refusals.length > 0 && refusals.every((r) => r.c?.kind === "disconnect"))
    throw new ProviderError("disconnect", `${RECONNECT}: ${all}`);
  throw new ProviderError("bad-body", `No relay accepted the note: ${all}`);
}
