import { describe, expect, it } from "vitest";
import { escapeDiscord, toDiscordMarkdown } from "@/providers/discord/discord.markdown";

// The composer's markdown in Discord's markdown, against what Discord documents it renders
// (support.discord.com "Markdown Text 101"; developers "Message Formatting"): bold, italic,
// strikethrough, inline and fenced code, quotes, lists, headings # to ### only, masked links, and
// no tables, images or HTML; "\" escapes any punctuation Discord would read as formatting.

describe("Discord markdown", () => {
  const cases: [string, string, string][] = [
    ["bold and italic", "**bold** and *it* and _it_", "**bold** and *it* and *it*"],
    ["strikethrough", "~~gone~~", "~~gone~~"],
    ["inline code keeps its text as is", "run `a*b_c` now", "run `a*b_c` now"],
    ["inline code containing a backtick", "``a`b``", "``a`b``"],
    ["fenced code with a language", "```ts\nconst a = 1;\n```", "```ts\nconst a = 1;\n```"],
    ["headings 1 to 3 stay headings", "# One\n\n## Two\n\n### Three", "# One\n\n## Two\n\n### Three"],
    ["deeper headings become bold lines", "#### Four", "**Four**"],
    ["masked links", "[the docs](https://example.com/a)", "[the docs](https://example.com/a)"],
    ["a bare URL stays bare (Discord links it)", "see https://example.com/x_y", "see https://example.com/x_y"],
    ["links to anything but the web are text", "[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"],
    ["images become masked links to them", "![a cat](https://example.com/cat.png)", "[a cat](https://example.com/cat.png)"],
    ["bullet lists", "- one\n- two", "- one\n- two"],
    ["ordered lists keep their start", "3. three\n4. four", "3. three\n4. four"],
    ["nested lists", "- a\n  - b", "- a\n  - b"],
    ["quotes", "> said\n> twice", "> said\n> twice"],
    ["HTML is text", "<b>hi</b>", "<b>hi</b>"],
    ["a table is lines of cells", "| a | b |\n|---|---|\n| 1 | 2 |", "a \\| b\n1 \\| 2"],
    ["paragraphs stay apart, line breaks stay", "one\ntwo\n\nthree", "one\ntwo\n\nthree"],
  ];
  for (const [what, input, output] of cases) it(what, () => expect(toDiscordMarkdown(input)).toBe(output));

  it("escapes what would format as text: asterisks, underscores, tildes, pipes, backticks, brackets", () => {
    // Escaped by markdown in the composer, so they reach Discord as characters, not formatting.
    expect(toDiscordMarkdown("2 \\* 3 \\_x\\_ \\~\\~y\\~\\~ \\|\\|spoiler\\|\\| \\`c\\` \\[z\\]")).toBe(
      "2 \\* 3 \\_x\\_ \\~\\~y\\~\\~ \\|\\|spoiler\\|\\| \\`c\\` \\[z\\]",
    );
  });

  it("escapes line starts Discord reads as a heading, quote, list or subtext", () => {
    expect(escapeDiscord("# not a heading\n-# not subtext\n> no quote\n1. no list")).toBe(
      "\\# not a heading\n\\-# not subtext\n\\> no quote\n1\\. no list",
    );
    expect(escapeDiscord("a # b - c > d")).toBe("a # b - c > d");
  });

  it("keeps mentions as written (allowed_mentions decides whether they notify)", () => {
    expect(toDiscordMarkdown("hi @everyone and <@123>")).toBe("hi @everyone and <@123>");
  });

  it("keeps a code block from being closed by backticks inside it", () => {
    expect(toDiscordMarkdown("````\na ``` b\n````")).toBe("```\na `\u200b`` b\n```");
  });
});
