import { describe, expect, it } from "vitest";
import { toRedditMarkdown } from "@/providers/reddit/reddit.markdown";

// The composer's markdown (CommonMark + GitHub tables/strikethrough) as Reddit markdown, against
// Reddit's formatting guide (reddit.com/wiki/markdown): `^` superscript and `>!…!<` spoilers are
// Reddit-only syntax, raw HTML is never rendered, images are not embedded in text, code is a
// four-space block, lists and quotes need a blank line before them.

describe("toRedditMarkdown", () => {
  it("leaves plain text as typed", () => {
    expect(toRedditMarkdown("Hello r/test, see you at 10:30 #1")).toBe("Hello r/test, see you at 10:30 #1");
  });

  it("escapes a literal caret, which Reddit would read as superscript", () => {
    expect(toRedditMarkdown("2^10 is 1024")).toBe("2\\^10 is 1024");
  });

  it("escapes literal spoiler markers", () => {
    expect(toRedditMarkdown("a >!not a spoiler!< b")).toBe("a \\>!not a spoiler!\\< b");
  });

  it("keeps emphasis, strong, strikethrough and inline code", () => {
    expect(toRedditMarkdown("**bold** _em_ ~~gone~~ `x*y`")).toBe("**bold** *em* ~~gone~~ `x*y`");
  });

  it("keeps characters the composer escaped as literal", () => {
    expect(toRedditMarkdown("\\*not emphasis\\* and snake_case_name")).toBe("\\*not emphasis\\* and snake\\_case\\_name");
  });

  it("shows raw HTML as text, as the composer's preview did", () => {
    expect(toRedditMarkdown("<b>hi</b> &copy;")).toBe("&lt;b>hi&lt;/b> ©");
    expect(toRedditMarkdown("a literal \\&amp; stays")).toBe("a literal &amp;amp; stays");
  });

  it("turns an image into a link to it (Reddit does not embed images in text)", () => {
    expect(toRedditMarkdown("![a cat](https://example.com/cat.png)")).toBe("[a cat](https://example.com/cat.png)");
  });

  it("encodes parentheses and spaces in link targets, which would end Reddit's link early", () => {
    expect(toRedditMarkdown("[wiki](https://en.wikipedia.org/wiki/Foo_(bar))")).toBe("[wiki](https://en.wikipedia.org/wiki/Foo_%28bar%29)");
  });

  it("writes fenced code as a four-space indented block", () => {
    expect(toRedditMarkdown("Run:\n\n```sh\nnpm test\necho ok\n```")).toBe("Run:\n\n    npm test\n    echo ok");
  });

  it("puts a blank line before a list that followed a paragraph directly", () => {
    expect(toRedditMarkdown("Shopping:\n- eggs\n- milk")).toBe("Shopping:\n\n* eggs\n* milk");
    expect(toRedditMarkdown("3. three\n4. four")).toBe("3. three\n4. four");
  });

  it("writes a backslash line break as two trailing spaces", () => {
    expect(toRedditMarkdown("line one\\\nline two")).toBe("line one  \nline two");
  });

  it("keeps quotes, headings, rules and tables", () => {
    expect(toRedditMarkdown("> quoted\n> twice")).toBe("> quoted\n> twice");
    expect(toRedditMarkdown("## Title")).toBe("## Title");
    expect(toRedditMarkdown("a\n\n---\n\nb")).toBe("a\n\n***\n\nb");
    expect(toRedditMarkdown("| a | b |\n|:-|-:|\n| 1 | 2 |")).toBe("| a | b |\n|:--|--:|\n| 1 | 2 |");
  });

  it("keeps a line that only looks like a list marker literal", () => {
    expect(toRedditMarkdown("1\\. not a list")).toBe("1\\. not a list");
    expect(toRedditMarkdown("\\# not a heading")).toBe("\\# not a heading");
  });

  it("writes an autolink as the bare address, which Reddit links itself", () => {
    expect(toRedditMarkdown("<https://example.com>")).toBe("https://example.com");
  });
});
