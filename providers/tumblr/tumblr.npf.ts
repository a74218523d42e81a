import MarkdownIt from "markdown-it";

// The composer's Markdown as NPF text blocks (tumblr/docs npf-spec.md, "Content Block Type: Text",
// "Inline Formatting within a Text Block"), from markdown-it's token stream rather than by pattern:
// - each paragraph is a text block; # is subtype heading1, ## to ###### heading2; a > block
//   quotation's paragraphs are subtype "indented" (the spec's subtype for block quotations;
//   "quote" is its large-serif short-quotation style); list items are ordered-list-item /
//   unordered-list-item; nesting (lists and quotations) is indent_level, 0 to 7; code blocks are
//   plain text blocks (NPF has no code style);
// - **bold**, *italic*, ~~strikethrough~~ and [links](…) become `formatting` ranges, whose start and
//   end count Unicode code points of the block's text (end exclusive), as the spec says, and
//   overlapping ranges of one type are combined;
// - raw HTML is not markup here (html: false): it stays visible text, as typed;
// - a block longer than the spec's 4,096 code points is split into several, ranges cut with it.

export type NpfFormatting =
  { start: number; end: number; type: "bold" | "italic" | "strikethrough" } | { start: number; end: number; type: "link"; url: string };

export type NpfSubtype = "heading1" | "heading2" | "indented" | "ordered-list-item" | "unordered-list-item";

export type NpfTextBlock = {
  type: "text";
  text: string;
  subtype?: NpfSubtype;
  indent_level?: number;
  formatting?: NpfFormatting[];
};

/** The NPF spec's longest text block, in code points. */
export const MAX_TEXT_BLOCK = 4096;

// breaks: a single newline in the composer is a line break in the post, as the user sees it typed.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
type Token = ReturnType<typeof md.parse>[number];

const codePoints = (s: string) => [...s].length;

type Mark = "bold" | "italic" | "strikethrough" | "link";
const OPENERS: Record<string, Mark> = { strong_open: "bold", em_open: "italic", s_open: "strikethrough", link_open: "link" };
const CLOSERS: Record<string, Mark> = { strong_close: "bold", em_close: "italic", s_close: "strikethrough", link_close: "link" };

/** One inline token run as text and its formatting ranges. */
function inlineText(children: Token[]): { text: string; formatting: NpfFormatting[] } {
  let text = "";
  let at = 0;
  const formatting: NpfFormatting[] = [];
  const open: { mark: Mark; start: number; url?: string }[] = [];
  const append = (s: string) => {
    text += s;
    at += codePoints(s);
  };
  for (const t of children) {
    const opened = OPENERS[t.type];
    const closed = CLOSERS[t.type];
    if (opened) {
      open.push({ mark: opened, start: at, ...(opened === "link" ? { url: String(t.attrGet("href") ?? "") } : {}) });
    } else if (closed) {
      const i = open.map((o) => o.mark).lastIndexOf(closed);
      if (i < 0) continue;
      const [o] = open.splice(i, 1);
      if (o!.start === at) continue; // nothing inside: no range
      if (o!.mark === "link") {
        if (o!.url) formatting.push({ start: o!.start, end: at, type: "link", url: o!.url });
      } else formatting.push({ start: o!.start, end: at, type: o!.mark });
    } else if (t.type === "text" || t.type === "code_inline" || t.type === "html_inline") {
      append(t.content);
    } else if (t.type === "softbreak" || t.type === "hardbreak") {
      append("\n");
    } else if (t.type === "image") {
      // An inline image cannot sit inside a text block: its description stays, linked to the image.
      const alt = t.children?.length ? inlineText(t.children).text : t.content;
      const src = String(t.attrGet("src") ?? "");
      const label = alt || src;
      const start = at;
      append(label);
      if (src && label) formatting.push({ start, end: at, type: "link", url: src });
    }
  }
  return { text, formatting: mergeSameType(formatting) };
}

/** The spec: overlapping ranges of the same type are combined (links only when they lead to the same place). */
export function mergeSameType(ranges: NpfFormatting[]): NpfFormatting[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: NpfFormatting[] = [];
  for (const r of sorted) {
    const same = out.findLast((o) => o.type === r.type && (o.type !== "link" || (r.type === "link" && o.url === r.url)));
    if (same && r.start < same.end) same.end = Math.max(same.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** Cuts a block over MAX_TEXT_BLOCK code points into several, at a space where one is near the limit. */
export function splitLongBlock(block: NpfTextBlock, max = MAX_TEXT_BLOCK): NpfTextBlock[] {
  const chars = [...block.text];
  if (chars.length <= max) return [block];
  const out: NpfTextBlock[] = [];
  let from = 0;
  while (from < chars.length) {
    let to = Math.min(chars.length, from + max);
    if (to < chars.length) {
      // Prefer ending after whitespace in the last eighth of the block, so words stay whole.
      for (let k = to; k > from + Math.floor((max * 7) / 8); k--) {
        if (/\s/.test(chars[k - 1]!)) {
          to = k;
          break;
        }
      }
    }
    const formatting = (block.formatting ?? [])
      .filter((f) => f.start < to && f.end > from)
      .map((f) => ({ ...f, start: Math.max(f.start, from) - from, end: Math.min(f.end, to) - from }));
    out.push({
      ...block,
      text: chars.slice(from, to).join(""),
      ...(formatting.length ? { formatting } : { formatting: undefined }),
    });
    from = to;
  }
  return out.map((b) => {
    if (b.formatting) return b;
    const { formatting: _none, ...rest } = b;
    return rest;
  });
}

function textBlock(text: string, formatting: NpfFormatting[], subtype?: NpfSubtype, indent?: number): NpfTextBlock {
  return {
    type: "text",
    text,
    ...(subtype ? { subtype } : {}),
    ...(indent ? { indent_level: Math.min(indent, 7) } : {}),
    ...(formatting.length ? { formatting } : {}),
  };
}

/** The Markdown as NPF text blocks, in order; empty paragraphs are left out. */
export function markdownToNpf(markdown: string): NpfTextBlock[] {
  const tokens = md.parse(markdown, {});
  const blocks: NpfTextBlock[] = [];
  const lists: ("ordered-list-item" | "unordered-list-item")[] = [];
  let quoteDepth = 0;
  let heading: NpfSubtype | undefined;
  const push = (b: NpfTextBlock) => {
    if (b.text.trim()) blocks.push(...splitLongBlock(b));
  };
  for (const t of tokens) {
    switch (t.type) {
      case "bullet_list_open":
        lists.push("unordered-list-item");
        break;
      case "ordered_list_open":
        lists.push("ordered-list-item");
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "blockquote_open":
        quoteDepth++;
        break;
      case "blockquote_close":
        quoteDepth--;
        break;
      case "heading_open":
        heading = t.tag === "h1" ? "heading1" : "heading2";
        break;
      case "heading_close":
        heading = undefined;
        break;
      case "inline": {
        const { text, formatting } = inlineText(t.children ?? []);
        const list = lists.at(-1);
        const subtype: NpfSubtype | undefined = heading ?? list ?? (quoteDepth > 0 ? "indented" : undefined);
        // Indent levels count every enclosing block quotation and list from the left (npf-spec.md,
        // "Text Block Subtype: List Item"): a list item inside a quotation is at level 1.
        const depth = list ? quoteDepth + lists.length - 1 : subtype === "indented" ? quoteDepth - 1 : 0;
        push(textBlock(text, formatting, subtype, depth));
        break;
      }
      case "fence":
      case "code_block":
        push(textBlock(t.content.replace(/\n$/, ""), [], quoteDepth > 0 ? "indented" : undefined));
        break;
      default:
        break;
    }
  }
  return blocks;
}
