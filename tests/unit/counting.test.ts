import { describe, expect, it } from "vitest";
import { countText, graphemeCount, utf8Bytes } from "@/providers/core/counting";

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
