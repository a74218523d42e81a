import { describe, expect, it } from "vitest";
import { countText } from "@/providers/core/counting";
import { threadsLength } from "@/emulator/platforms/threads/posts";

// Threads counts 500 characters with "emojis counted as the number of UTF-8 bytes" (posts doc):
// the composer's method (emoji-bytes) and the emulator's own reading of the doc agree.

describe("emoji-bytes counting", () => {
  const cases: [string, number][] = [
    ["hello", 5],
    ["héllo", 5],
    ["日本語", 3],
    ["🙂", 4],
    ["a🙂b", 6],
    ["👍🏽", 8],
    ["❤️", 6],
    ["🇫🇷", 8],
    ["👩‍💻", 11],
  ];
  for (const [text, n] of cases)
    it(`${JSON.stringify(text)} counts ${n}`, () => {
      expect(countText("emoji-bytes", text)).toBe(n);
      expect(threadsLength(text)).toBe(n);
    });

  it("125 emoji fill a Threads post", () => {
    expect(countText("emoji-bytes", "🙂".repeat(125))).toBe(500);
    expect(countText("chars", "🙂".repeat(125))).toBe(125);
  });
});
