import { describe, expect, it } from "vitest";
import twitter from "twitter-text";
import { codePoints, countText, graphemeCount, utf8Bytes } from "@/providers/core/counting";
import { urlRanges } from "@/providers/core/url-ranges";

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

describe("links are found the way X and Mastodon find them (twitter-text)", () => {
  it("counts bare domains under any top-level domain as links on X, so the composer never allows what X refuses", () => {
    expect(countText("x-weighted", "see example.cz now")).toBe(4 + 23 + 4);
    expect(countText("x-weighted", "see site.ru/page and shop.com.br")).toBe(4 + 23 + 5 + 23);
    expect(countText("x-weighted", "on blog.technology, news.museum or xn--80ak6aa92e.com")).toBe(3 + 23 + 2 + 23 + 4 + 23);
  });
  it("leaves out what X does not link: trailing punctuation, e-mail addresses, unknown TLDs, file names", () => {
    expect(countText("x-weighted", "read https://a.io/x. then")).toBe(5 + 23 + 6);
    expect(countText("x-weighted", "(https://a.io/x)")).toBe(1 + 23 + 1);
    expect(countText("x-weighted", "file.notatld and report.pdf")).toBe("file.notatld and report.pdf".length);
  });
  it("agrees with twitter-text's own parseTweet on mixed texts", () => {
    const texts = [
      "Launch 🚀 https://example.com/p?a=1 and example.cz, site.ru! 日本語 @alice #tag",
      "e\u0301te\u0301 👩‍👩‍👧‍👦 🇫🇷 www.example.org/path?x=(1) end.",
      "http://localhost:3000 is not a link but http://example.co.uk/a_b is",
    ];
    for (const t of texts) expect(countText("x-weighted", t), t).toBe(twitter.parseTweet(t).weightedLength);
  });
  it("finds the same links piece by piece (as the composer does per keystroke) as in the whole text", () => {
    const pieces = [
      "word ",
      "https://example.com/a/long/path?q=1 ",
      "example.cz ",
      "x".repeat(300),
      " ",
      "site.ru/p\n",
      "@bob@example.org ",
      "日本語 ",
      "(www.example.org/x) ",
      "\t",
      "a.b ",
      "🇫🇷 ",
    ];
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 40; k++) {
      let t = "";
      while (t.length < 3000) t += pieces[rand(pieces.length)];
      for (const rule of ["bare-domains", "with-scheme"] as const) {
        const whole = twitter.extractUrlsWithIndices(t, { extractUrlsWithoutProtocol: rule === "bare-domains" }).map((u) => u.indices);
        expect(urlRanges(t, rule)).toEqual(whole);
      }
      expect(countText("x-weighted", t)).toBe(twitter.parseTweet(t).weightedLength);
    }
  });
  it("on Mastodon, counts only links with a scheme as 23 (its server uses the same extractor)", () => {
    expect(countText("mastodon", "see https://example.cz/a/very/long/path now")).toBe(4 + 23 + 4);
    expect(countText("mastodon", "see example.cz now")).toBe("see example.cz now".length);
    expect(countText("mastodon", "go https://a.io/x. and @bob@mastodon.social")).toBe(3 + 23 + 6 + 4);
  });
});

describe("the fast grapheme walk agrees with Intl.Segmenter", () => {
  const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const slow = (t: string) => [...seg.segment(t)].length;
  const pieces = [
    "a",
    " ",
    "\r\n",
    "\n",
    "e\u0301",
    "\u0301",
    "👩‍👩‍👧‍👦",
    "🇫🇷",
    "🇫",
    "1️⃣",
    "☀️",
    "™",
    "한국어",
    "\u1100\u1161",
    "日本",
    "ก้",
    "\u0600",
    "1",
    "\u200D",
    "🏽",
    "👍🏽",
    "é",
    "x",
    "क",
    "\u094D",
    "ष",
    "\u200C",
    "\r",
    "\u0085",
  ];
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
