import MarkdownIt from "markdown-it";

// Whether an article DEV lists is the one we sent, judged by its markdown's structure rather
// than its bytes: DEV is reported to label bare code fences with a detected language on the way
// in (``` becomes ```shell), and line endings and trailing space may change. markdown-it parses
// both; block types and their text must agree, a fence's language label is left out.

const md = new MarkdownIt({ html: true, linkify: false });

function shape(markdown: string): string {
  const tokens = md.parse(markdown.replace(/\r\n?/g, "\n"), {});
  return JSON.stringify(tokens.map((t) => [t.type, t.tag, t.content.trim()]));
}

export function sameMarkdown(a: string, b: string): boolean {
  return a.trim() === b.trim() || shape(a) === shape(b);
}

/**
 * True when the text opens with a front matter block (a "---" line, then another), which DEV reads
 * as the article's title, tags and published state, overriding the post's settings: Forem's parser
 * (front_matter_parser) takes whatever stands between the two lines as YAML.
 */
export function hasFrontMatter(markdown: string): boolean {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  return first >= 0 && lines[first]!.trim() === "---" && lines.slice(first + 1).some((l) => l.trim() === "---");
}
