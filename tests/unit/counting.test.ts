import { describe, expect, it } from "vitest";
import { codePoints, countText, graphemeCount, utf8Bytes } from "@/providers/core/counting";

describe("counting methods shared by the composer and the server", () => {
  it("counts graphemes: emoji sequences, flags and combining marks once", () => {
    expect(graphemeCount("hello")).toBe(5);
    expect(graphemeCount("👨‍👩‍👧‍👦")).toBe(1);
    expect(graphemeCount("🇫🇷")).toBe(1);
    expect(graphemeCount("e\u0301")).toBe(1);
    expect(countText("chars", "👨‍👩‍👧‍👦")).toBe(7);
  });

  it("counts UTF-8 bytes", () => {
    expect(utf8Bytes("é")).toBe(2);
    expect(utf8Bytes("😀")).toBe(4);
  });

  it("dispatches every method", () => {
    const text = "Read https://example.com/a/very/long/path?with=query 😀";
    expect(countText("x-weighted", text)).toBe(5 + 23 + 1 + 2);
    expect(countText("mastodon", text)).toBe(5 + 23 + 1 + 1);
    expect(countText("graphemes", text)).toBe([...new Intl.Segmenter().segment(text)].length);
  });
});

describe("X weighting details", () => {
  it("counts flags and keycaps as one emoji (2), and bare domains as links (23)", () => {
    expect(countText("x-weighted", "🇫🇷")).toBe(2);
    expect(countText("x-weighted", "🇫🇷🇩🇪")).toBe(4);
    expect(countText("x-weighted", "1️⃣")).toBe(2);
    expect(countText("x-weighted", "see example.com/page now")).toBe(4 + 23 + 4);
    expect(countText("x-weighted", "mail me@example.com")).toBe(19);
    expect(countText("x-weighted", "version 1.2.3")).toBe(13);
  });
});

describe("the fast grapheme walk agrees with Intl.Segmenter", () => {
  const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const slow = (t: string) => [...seg.segment(t)].length;
  const pieces = ["a", " ", "\r\n", "\n", "e\u0301", "\u0301", "👩‍👩‍👧‍👦", "🇫🇷", "🇫", "1️⃣", "☀️", "™", "한국어", "\u1100\u1161", "日本", "ก้", "\u0600", "1", "\u200D", "🏽", "👍🏽", "é", "x", "क", "\u094D", "ष", "\u200C", "\r", "\u0085"];
  it("on 5,000 random mixes of ASCII, emoji, flags, combining marks, Hangul, Thai, Devanagari conjuncts and Prepend", () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 5000; k++) {
      let t = "";
      const parts = 1 + rand(12);
      for (let i = 0; i < parts; i++) t += pieces[rand(pieces.length)];
      expect(graphemeCount(t), JSON.stringify(t)).toBe(slow(t));
    }
  });
});

describe("code points", () => {
  it("counts surrogate pairs once and lone surrogates once each", () => {
    expect(codePoints("abc")).toBe(3);
    expect(codePoints("👍🏽")).toBe(2);
    expect(codePoints("\uD83D")).toBe(1);
    expect(codePoints("\uDC4D\uD83D")).toBe(2);
    expect(codePoints("e\u0301")).toBe(2);
    expect(countText("chars", "🇫🇷 x")).toBe([..."🇫🇷 x"].length);
  });
});
