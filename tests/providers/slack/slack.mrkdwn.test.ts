import { describe, expect, it } from "vitest";
import { escapeMrkdwn, toMrkdwn } from "@/providers/slack/slack.mrkdwn";

// The composer's markdown in Slack's mrkdwn, against docs.slack.dev "Formatting text for app
// surfaces": &, < and > are control characters and must be sent as &amp; &lt; &gt; (and nothing
// else entity-encoded); *bold*, _italic_, ~strike~, `code`, ```blocks```, "> " quotes and
// <url|text> links; no headings, list syntax, images or tables.

describe("Slack mrkdwn", () => {
  it("escapes exactly &, < and > (Slack decodes only those three)", () => {
    expect(escapeMrkdwn(`a & b < c > d "e" 'f'`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f'`);
    expect(toMrkdwn("Tom & Jerry <3 > all")).toBe("Tom &amp; Jerry &lt;3 &gt; all");
  });

  it("keeps typed mentions and special commands from notifying: <!channel> is text", () => {
    expect(toMrkdwn("ping <!channel> and <@U123>")).toBe("ping &lt;!channel&gt; and &lt;@U123&gt;");
  });

  const cases: [string, string, string][] = [
    ["bold", "**bold**", "*bold*"],
    ["italic", "*it* and _it_", "_it_ and _it_"],
    ["strikethrough", "~~gone~~", "~gone~"],
    ["bold keeps its spaces outside the marks", "** spaced **", "** spaced **"],
    ["inline code, escaped inside", "`a < b`", "`a &lt; b`"],
    ["code block, escaped inside", "```js\nif (a < b) {}\n```", "```\nif (a &lt; b) {}\n```"],
    ["links in Slack's form", "[the docs](https://example.com/a?b=1&c=2)", "<https://example.com/a?b=1&c=2|the docs>"],
    ["a pipe in the address cannot end the link early", "[x](https://e.com/a|b)", "<https://e.com/a%7Cb|x>"],
    ["a bare URL in angle brackets", "see https://example.com", "see <https://example.com>"],
    ["links to anything but the web are text", "[click](javascript:alert(1))", "[click](javascript:alert(1))"],
    ["headings become bold lines", "# Title", "*Title*"],
    ["bullets", "- one\n- two", "• one\n• two"],
    ["numbered items", "1. one\n2. two", "1. one\n2. two"],
    ["nested bullets are indented", "- a\n  - b", "• a\n    ◦ b"],
    ["quotes", "> quoted", "> quoted"],
    ["images are links to them", "![chart](https://e.com/c.png)", "<https://e.com/c.png|chart>"],
    ["tables are lines of cells", "| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n1 | 2"],
    ["paragraphs and line breaks", "one\ntwo\n\nthree", "one\ntwo\n\nthree"],
  ];
  for (const [what, input, output] of cases) it(what, () => expect(toMrkdwn(input)).toBe(output));
});
