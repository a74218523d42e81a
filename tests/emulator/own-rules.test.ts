import { describe, expect, it } from "vitest";
import { EMULATOR_CLIENT } from "@/emulator/kit/oauth";
import { isTid, tidOf } from "@/emulator/platforms/bluesky/tid";
import { shownText } from "@/emulator/platforms/linkedin/little-text";
import { statusLength } from "@/emulator/platforms/mastodon/counting";
import { graphemes, utf8Length } from "@/emulator/kit/text";
import { rkeyFromIdempotencyKey } from "@/providers/bluesky/bluesky.rkey";
import { mastodonLength, xWeightedLength } from "@/providers/core/counting";
import { SANDBOX_CLIENT } from "@/providers/core/hosts";
import { escapeLittleText } from "@/providers/linkedin/linkedin.text";
import { MAX_WEIGHTED, weightedLength } from "@/emulator/platforms/x/tweets";

// The emulator measures text with its own code, written from each platform's documentation, so
// that a provider's counting bug is refused by the emulator instead of agreed with. These tests pin
// the emulator's rules to the documentation, and show both sides agree on ordinary posts.

const ordinary = [
  "Hello world",
  "Read https://example.com/a/very/long/path/that/goes/on?and=on#and-on today.",
  "See (https://example.org/x) and https://example.net/y, then stop!",
  "Ping @alice@mastodon.social and @bob about 👨‍👩‍👧 and 🇫🇷",
  "e\u0301te\u0301 — café, naïve, 日本語のテキスト",
  "",
];

describe("the emulator's own text measures", () => {
  it("counts graphemes and UTF-8 bytes", () => {
    expect(graphemes("👨‍👩‍👧")).toBe(1);
    expect(graphemes("e\u0301")).toBe(1);
    expect(graphemes("🇫🇷!")).toBe(2);
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("👍")).toBe(4);
  });

  it("counts a Mastodon status as the server documents: links 23, @user@domain as @user, plus the content warning", () => {
    expect(statusLength("abc https://example.com/long/path", "CW ⚠️")).toBe(4 + 23 + 4);
    expect(statusLength("https://example.com.", "")).toBe(24);
    expect(statusLength("hi @alice@mastodon.social", "")).toBe("hi @alice".length);
    expect(statusLength("example.com has no scheme", "")).toBe("example.com has no scheme".length);
  });

  it("agrees with the Mastodon provider's counter on ordinary posts", () => {
    for (const t of ordinary) expect(statusLength(t, ""), t).toBe(mastodonLength(t));
  });

  it("agrees with the X provider's weighted count on ordinary posts, and refuses over 280", () => {
    for (const t of ordinary) expect(weightedLength(t), t).toBe(xWeightedLength(t));
    expect(weightedLength("日".repeat(141))).toBeGreaterThan(MAX_WEIGHTED);
  });

  it("shows LinkedIn commentary as LinkedIn does: escapes dropped, cut at an unescaped reserved character", () => {
    expect(shownText("before #after")).toBe("before ");
    expect(shownText("a \\#tag and \\(parens\\)")).toBe("a #tag and (parens)");
    expect(shownText("two \\\\# slashes")).toBe("two \\");
    expect(shownText("trailing \\")).toBe("trailing ");
    for (const t of ["plain", "all of | { } @ [ ] ( ) < > # * _ ~ \\ escaped", "émoji 👍 (ok)"])
      expect(shownText(escapeLittleText(t))).toBe(t);
  });
});

describe("Bluesky TIDs (atproto.com/specs/tid)", () => {
  it("accepts the spec's examples and refuses malformed keys", () => {
    for (const t of ["3jzfcijpj2z2a", "7777777777777", "3zzzzzzzzzzzz", "2222222222222"]) expect(isTid(t), t).toBe(true);
    for (const t of ["3jzfcijpj2z21", "3jzfcijpj2z2", "kjzfcijpj2z2a", "3JZFCIJPJ2Z2A", "self"]) expect(isTid(t), t).toBe(false);
  });

  it("encodes microseconds and clock id so that later sorts after", () => {
    const a = tidOf(1_700_000_000_000_000n, 7);
    const b = tidOf(1_700_000_000_000_001n, 0);
    expect(isTid(a) && isTid(b)).toBe(true);
    expect(a < b).toBe(true);
    expect(tidOf(0n, 0)).toBe("2222222222222");
    expect(tidOf(0n, 1)).toBe("2222222222223");
  });

  it("accepts the record keys the provider picks", () => {
    for (const k of ["a", "b", "attempt-42"]) expect(isTid(rkeyFromIdempotencyKey(k))).toBe(true);
  });
});

it("accepts the app credentials Postmill sends in sandbox mode", () => {
  expect(EMULATOR_CLIENT).toEqual(SANDBOX_CLIENT);
});
