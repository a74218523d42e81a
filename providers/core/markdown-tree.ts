import MarkdownIt from "markdown-it";

// The composer's markdown as a tree, for platforms that render a dialect of their own (Discord's
// markdown, Slack's mrkdwn) and convert to it node by node instead of passing text through.
// markdown-it parses CommonMark with GitHub's tables and strikethrough; raw HTML is not parsed as
// HTML (html: false), so it reaches a converter as text, to be escaped in the platform's terms.

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export type MdNode = {
  /** markdown-it's token type without _open/_close: "paragraph", "strong", "link", "text", "fence"… */
  type: string;
  tag: string;
  /** The text of a leaf (text, code_inline, fence, code_block). */
  content: string;
  /** A fence's info string (its language). */
  info: string;
  /** "linkify" for a bare URL found in text; the opening markup otherwise ("**", "-", "1."). */
  markup: string;
  attrs: Record<string, string>;
  children: MdNode[];
};

type Token = ReturnType<typeof md.parse>[number];

function build(tokens: Token[]): MdNode[] {
  const root: MdNode[] = [];
  const stack: MdNode[][] = [root];
  for (const t of tokens) {
    const here = stack[stack.length - 1]!;
    if (t.nesting === -1) {
      stack.pop();
      continue;
    }
    const node: MdNode = {
      type: t.type.replace(/_open$/, ""),
      tag: t.tag,
      content: t.content,
      info: t.info ?? "",
      markup: t.markup,
      attrs: Object.fromEntries((t.attrs ?? []).map(([k, v]) => [k, String(v)])),
      children: t.children ? build(t.children) : [],
    };
    here.push(node);
    if (t.nesting === 1) stack.push(node.children);
  }
  return root;
}

/** The block tree of a markdown text (inline content under each block's "inline" node). */
export function markdownTree(markdown: string): MdNode[] {
  return build(md.parse(markdown.replace(/\r\n?/g, "\n"), {}));
}

/** Whether a link target is one a chat platform should make clickable: http(s) and mailto only. */
export function safeLinkTarget(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href.trim());
}
