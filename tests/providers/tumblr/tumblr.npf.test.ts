import { describe, expect, it } from "vitest";
import { markdownToNpf, mergeSameType, splitLongBlock } from "@/providers/tumblr/tumblr.npf";

// The Markdown → NPF converter against npf-spec.md: text blocks per paragraph, subtypes for
// headings, block quotations and list items (with indent_level), inline formatting ranges counted
// in Unicode code points with an exclusive end, and blocks cut at 4,096 code points.

describe("markdownToNpf", () => {
  it("makes one plain text block per paragraph, without formatting when there is none", () => {
    expect(markdownToNpf("Hello there\n\nSecond one")).toEqual([
      { type: "text", text: "Hello there" },
      { type: "text", text: "Second one" },
    ]);
  });

  it("turns bold, italic, strikethrough and links into ranges over the plain text", () => {
    const [b] = markdownToNpf("a **bold** *it* ~~gone~~ [site](https://example.com/x)");
    expect(b!.text).toBe("a bold it gone site");
    expect(b!.formatting).toEqual([
      { start: 2, end: 6, type: "bold" },
      { start: 7, end: 9, type: "italic" },
      { start: 10, end: 14, type: "strikethrough" },
      { start: 15, end: 19, type: "link", url: "https://example.com/x" },
    ]);
  });

  it("counts ranges in code points, so an emoji before a range counts as one", () => {
    const [b] = markdownToNpf("😀 **x** 🇫🇷 *y*");
    // 😀 is one code point (two UTF-16 units); the flag is two regional-indicator code points.
    expect(b!.formatting).toEqual([
      { start: 2, end: 3, type: "bold" },
      { start: 7, end: 8, type: "italic" },
    ]);
  });

  it("keeps nested marks as overlapping ranges", () => {
    const [b] = markdownToNpf("***both*** and **bold [link](https://a.example)**");
    expect(b!.text).toBe("both and bold link");
    expect(b!.formatting).toEqual(
      expect.arrayContaining([
        { start: 0, end: 4, type: "italic" },
        { start: 0, end: 4, type: "bold" },
        { start: 9, end: 18, type: "bold" },
        { start: 14, end: 18, type: "link", url: "https://a.example" },
      ]),
    );
  });

  it("maps headings, block quotations and lists to the spec's subtypes", () => {
    expect(markdownToNpf("# Big\n\n### Small\n\n> said\n\n- one\n  - inner\n\n1. first")).toEqual([
      { type: "text", text: "Big", subtype: "heading1" },
      { type: "text", text: "Small", subtype: "heading2" },
      { type: "text", text: "said", subtype: "indented" },
      { type: "text", text: "one", subtype: "unordered-list-item" },
      { type: "text", text: "inner", subtype: "unordered-list-item", indent_level: 1 },
      { type: "text", text: "first", subtype: "ordered-list-item" },
    ]);
  });

  it("counts indent levels from the left across block quotations and lists, as the spec's example", () => {
    const md = "> 1: quote\n>\n> > 2: nested\n> >\n> > - 3: in two quotes\n> >   1. 4: and a list\n>\n> back to 1";
    expect(markdownToNpf(md)).toEqual([
      { type: "text", subtype: "indented", text: "1: quote" },
      { type: "text", subtype: "indented", text: "2: nested", indent_level: 1 },
      { type: "text", subtype: "unordered-list-item", text: "3: in two quotes", indent_level: 2 },
      { type: "text", subtype: "ordered-list-item", text: "4: and a list", indent_level: 3 },
      { type: "text", subtype: "indented", text: "back to 1" },
    ]);
  });

  it("combines overlapping ranges of one type", () => {
    expect(
      mergeSameType([
        { start: 0, end: 5, type: "bold" },
        { start: 3, end: 9, type: "bold" },
        { start: 2, end: 4, type: "italic" },
        { start: 0, end: 3, type: "link", url: "https://a.example" },
        { start: 1, end: 4, type: "link", url: "https://b.example" },
      ]),
    ).toEqual([
      { start: 0, end: 3, type: "link", url: "https://a.example" },
      { start: 0, end: 9, type: "bold" },
      { start: 1, end: 4, type: "link", url: "https://b.example" },
      { start: 2, end: 4, type: "italic" },
    ]);
  });

  it("keeps line breaks, raw HTML as visible text, and code as plain text", () => {
    expect(markdownToNpf("line one\nline two\n\n<b>not bold</b>\n\n```\ncode()\n```")).toEqual([
      { type: "text", text: "line one\nline two" },
      { type: "text", text: "<b>not bold</b>" },
      { type: "text", text: "code()" },
    ]);
  });

  it("links bare addresses", () => {
    const [b] = markdownToNpf("see https://example.org now");
    expect(b!.formatting).toEqual([{ start: 4, end: 23, type: "link", url: "https://example.org" }]);
  });

  it("drops empty paragraphs and empty marks", () => {
    expect(markdownToNpf("\n\n****\n\n")).toEqual([]);
  });
});

describe("splitLongBlock", () => {
  it("cuts a block over the limit at whitespace and cuts its ranges with it", () => {
    const text = `${"a".repeat(7)} ${"b".repeat(6)}`;
    const parts = splitLongBlock({ type: "text", text, formatting: [{ start: 4, end: 10, type: "bold" }] }, 8);
    expect(parts.map((p) => p.text)).toEqual(["aaaaaaa ", "bbbbbb"]);
    expect(parts[0]!.formatting).toEqual([{ start: 4, end: 8, type: "bold" }]);
    expect(parts[1]!.formatting).toEqual([{ start: 0, end: 2, type: "bold" }]);
  });

  it("keeps every block of a long paragraph within 4,096 code points", () => {
    const blocks = markdownToNpf(`${"word ".repeat(2000)}`);
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) expect([...b.text].length).toBeLessThanOrEqual(4096);
    expect(blocks.map((b) => b.text).join("")).toBe("word ".repeat(2000).trim());
  });
});
