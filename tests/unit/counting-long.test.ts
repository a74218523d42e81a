import { describe, expect, it } from "vitest";
import { countText, graphemeCount } from "@/providers/core/counting";

// A post may be 100,000 characters. Counting one long stretch of joining characters (emoji, skin
// tones, combining marks) went through one Intl.Segmenter pass whose segments each copy the whole
// input: 100,000 emoji took about 20 s of CPU per request. Now it is windowed, with the same answer.
describe("counting long texts", () => {
  it("counts 100,000 characters of emoji quickly", () => {
    const text = "😀".repeat(50_000);
    const started = performance.now();
    expect(countText("mastodon", text)).toBe(50_000);
    expect(countText("x-weighted", text)).toBe(100_000);
    expect(countText("graphemes", "👩🏽‍💻".repeat(10_000) + "e\u0301".repeat(15_000))).toBe(25_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("finds the same clusters as one segmenter pass, across window edges", () => {
    const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    const pieces = [
      "👩🏽‍💻",
      "🇫",
      "🇷",
      "e",
      "\u0301",
      "한",
      "\u1100",
      "\u1161",
      "\u11A8",
      "\u200d",
      "😀",
      "\u0915",
      "\u094d",
      "\u0937",
      "\r",
      "\n",
      "\u0600",
      "🏽",
    ];
    let s = 7;
    const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let trial = 0; trial < 20; trial++) {
      let text = "";
      while (text.length < 1500) text += pieces[Math.floor(rand() * pieces.length)];
      expect(graphemeCount(text)).toBe([...seg.segment(text)].length);
    }
  });
});
