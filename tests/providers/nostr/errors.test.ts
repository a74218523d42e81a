import { describe, expect, it } from "vitest";
import { ProviderError } from "@/providers/core/errors";
import { classifyRelayMessage, RATE_LIMIT_WAIT_MS, summariseRelays } from "@/providers/nostr/nostr.errors";
import type { RelayOutcome } from "@/providers/nostr/nostr.socket";

// Each relay's OK message (NIP-01 prefixes, fact sheet §4), and the post's outcome over all relays:
// published when one accepted, the others listed as warnings.

describe("classifyRelayMessage: NIP-01's OK prefixes", () => {
  const rows: [string, string, number | undefined][] = [
    ["rate-limited: slow down there chief", "retry", RATE_LIMIT_WAIT_MS],
    ["error: could not connect to the database", "retry", undefined],
    ["blocked: you are banned from posting here", "disconnect", undefined],
    ["restricted: not allowed to write", "disconnect", undefined],
    ["auth-required: we only accept events from registered users", "disconnect", undefined],
    ["invalid: event creation date is too far off from the current time", "bad-body", undefined],
    ["pow: difficulty 25 is less than 30", "bad-body", undefined],
    ["mute: no one was listening to your ephemeral event", "bad-body", undefined],
  ];
  for (const [message, kind, wait] of rows) {
    it(`"${message.split(":")[0]}:" → ${kind}`, () => {
      const c = classifyRelayMessage(message);
      expect(c?.kind).toBe(kind);
      expect(c?.message).toContain(message);
      expect(c?.retryAfterMs).toBe(wait);
    });
  }
  it("a reason without a known prefix is left to the caller", () => {
    expect(classifyRelayMessage("something odd")).toBeUndefined();
  });
});

const out = (relay: string, status: RelayOutcome["status"], message = ""): RelayOutcome => ({ relay, status, message });
const failure = (outcomes: RelayOutcome[]) => {
  try {
    summariseRelays(outcomes);
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error("summarised as published; expected a failure");
};

describe("summariseRelays", () => {
  it("is published when one relay accepted (a duplicate included), the others listed with their reasons", () => {
    const s = summariseRelays([
      out("wss://a", "accepted"),
      out("wss://b", "accepted", "duplicate: already have this event"),
      out("wss://c", "refused", "blocked: not on the allow list"),
      out("wss://d", "unreachable", "getaddrinfo ENOTFOUND d"),
      out("wss://e", "lost", "publish timed out"),
    ]);
    expect(s).toEqual({
      accepted: ["wss://a", "wss://b"],
      warnings: [
        "wss://c refused it: blocked: not on the allow list",
        "wss://d could not be reached: getaddrinfo ENOTFOUND d",
        "wss://e did not answer in time (it may still have stored the note)",
      ],
    });
  });

  it("keeps each relay's NOTICE as a warning beside its verdict", () => {
    const s = summariseRelays([{ relay: "wss://a", status: "accepted", message: "", notices: ["this relay will be shut down in June"] }]);
    expect(s).toEqual({ accepted: ["wss://a"], warnings: ["wss://a noted: this relay will be shut down in June"] });
  });

  it("none accepted and one answer lost: retry that may have published", () => {
    const e = failure([out("wss://a", "lost", "publish timed out"), out("wss://b", "refused", "invalid: bad")]);
    expect(e.kind).toBe("retry");
    expect(e.details.mayHavePublished).toBe(true);
  });

  it("none accepted, rate limited or unreachable: retry, after the rate-limit wait when a relay asked", () => {
    const limited = failure([out("wss://a", "refused", "rate-limited: slow down"), out("wss://b", "refused", "blocked: no")]);
    expect(limited.kind).toBe("retry");
    expect(limited.details.retryAfterMs).toBe(RATE_LIMIT_WAIT_MS);
    expect(limited.details.mayHavePublished).toBeUndefined();
    const down = failure([out("wss://a", "unreachable", "connect ECONNREFUSED")]);
    expect(down.kind).toBe("retry");
    expect(down.details.retryAfterMs).toBeUndefined();
  });

  it("every relay refusing the account is a disconnect; a refused note is bad-body with every reason", () => {
    const gone = failure([out("wss://a", "refused", "blocked: banned"), out("wss://b", "refused", "auth-required: sign in")]);
    expect(gone.kind).toBe("disconnect");
    expect(gone.message).toMatch(/reconnect the channel with relays that accept it/);
    const bad = failure([out("wss://a", "refused", "invalid: content too long"), out("wss://b", "refused", "blocked: banned")]);
    expect(bad.kind).toBe("bad-body");
    expect(bad.message).toContain("wss://a refused it: invalid: content too long");
    expect(bad.message).toContain("wss://b refused it: blocked: banned");
  });
});
