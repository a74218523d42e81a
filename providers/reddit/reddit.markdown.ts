import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";

// The composer's markdown (CommonMark with GitHub's tables and strikethrough, as its preview
// renders it: lib/composer/markdown.ts) rewritten as Reddit's markdown, so that Reddit shows what
// the preview showed. Reddit's formatting guide (reddit.com/wiki/markdown) differs where:
// - `^` starts a superscript and `>!…!<` a spoiler: literal ones are escaped with a backslash;
// - raw HTML is never rendered: the composer showed it as text, so its `<` and `&` are kept literal;
// - images are not embedded in a text body: `![alt](src)` becomes a link to the image;
// - fenced code blocks are not understood by old Reddit: code becomes a 4-space indented block;
// - a list or quote needs a blank line before it, and a backslash line break is two trailing spaces.
// The text is parsed with markdown-it and written back from its tokens; plain text stays as typed.

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).enable(["table", "strikethrough"]);

/** Characters Reddit reads as formatting inside running text. */
const INLINE_SPECIAL = /[\\`*_~^[\]]/g;

function escapeText(text: string): string {
  return (
    text
      .replace(INLINE_SPECIAL, (c) => `\\${c}`)
      // Spoiler markers `>!` and `!<`.
      .replace(/>!/g, "\\>!")
      .replace(/!</g, "!\\<")
      // Named and numeric entities would be decoded by Reddit: keep the ampersand literal.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;")
      // A `<` before a letter or slash looks like a tag; Reddit shows it as text anyway, but its
      // escaped form is unambiguous in every renderer.
      .replace(/<(?=[A-Za-z/!?])/g, "&lt;")
  );
}

/** A line of running text that would read as a block marker at the start of a line. */
function escapeLineStart(line: string): string {
  return line
    .replace(/^(\s*)(#{1,6})(?=\s|$)/, "$1\\$2")
    .replace(/^(\s*)>/, "$1\\>")
    .replace(/^(\s*)([-+*])(?=\s)/, "$1\\$2")
    .replace(/^(\s*)(\d+)([.)])(?=\s)/, "$1$2\\$3")
    .replace(/^(\s*)(={3,}|-{3,})\s*$/, "$1\\$2");
}

function urlOf(href: string): string {
  // Parentheses and spaces would end Reddit's link target early.
  return href.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function inline(tokens: Token[]): string {
  let out = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case "text":
        out += escapeText(t.content);
        break;
      case "softbreak":
        out += "\n";
        break;
      case "hardbreak":
        out += "  \n";
        break;
      case "code_inline": {
        const ticks = t.content.includes("`") ? "``" : "`";
        const pad = t.content.startsWith("`") || t.content.endsWith("`") ? " " : "";
        out += `${ticks}${pad}${t.content}${pad}${ticks}`;
        break;
      }
      case "em_open":
      case "em_close":
        out += "*";
        break;
      case "strong_open":
      case "strong_close":
        out += "**";
        break;
      case "s_open":
      case "s_close":
        out += "~~";
        break;
      case "link_open": {
        const close = tokens.findIndex((x, j) => j > i && x.type === "link_close");
        const inner = inline(tokens.slice(i + 1, close));
        const href = String(t.attrGet("href") ?? "");
        const title = t.attrGet("title") === null ? undefined : String(t.attrGet("title"));
        // An autolink (<https://…>) is a bare address: Reddit links those itself.
        out += t.markup === "autolink" ? href : `[${inner}](${urlOf(href)}${title ? ` "${title.replace(/"/g, '\\"')}"` : ""})`;
        i = close;
        break;
      }
      case "image": {
        const alt = escapeText(t.content || "image");
        out += `[${alt}](${urlOf(String(t.attrGet("src") ?? ""))})`;
        break;
      }
      case "html_inline":
        out += escapeText(t.content);
        break;
      default:
        out += t.children ? inline(t.children) : escapeText(t.content);
    }
  }
  return out;
}

const indentLines = (text: string, by: string, first = by) =>
  text
    .split("\n")
    .map((l, i) => (i === 0 ? first : l ? by : "") + l)
    .join("\n");

/** Renders block tokens from `start` until the closing token at `depth`, returning the text and where it stopped. */
function blocks(tokens: Token[], start: number, end: number, tight = false): string {
  const parts: string[] = [];
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (t.type === "paragraph_open") {
      const text = inline(tokens[i + 1]!.children ?? []);
      parts.push(text.split("\n").map(escapeLineStart).join("\n"));
      i += 2;
    } else if (t.type === "heading_open") {
      const level = Number(t.tag.slice(1));
      parts.push(`${"#".repeat(level)} ${inline(tokens[i + 1]!.children ?? []).replace(/\n/g, " ")}`);
      i += 2;
    } else if (t.type === "code_block" || t.type === "fence") {
      parts.push(indentLines(t.content.replace(/\n$/, ""), "    "));
    } else if (t.type === "hr") {
      parts.push("***");
    } else if (t.type === "blockquote_open") {
      const close = matching(tokens, i);
      parts.push(indentLines(blocks(tokens, i + 1, close), "> ").replace(/^$/gm, ">"));
      i = close;
    } else if (t.type === "bullet_list_open" || t.type === "ordered_list_open") {
      const close = matching(tokens, i);
      const ordered = t.type === "ordered_list_open";
      let n = Number(t.attrGet("start") ?? 1);
      const items: string[] = [];
      for (let j = i + 1; j < close; j++) {
        if (tokens[j]!.type !== "list_item_open") continue;
        const itemClose = matching(tokens, j);
        const marker = ordered ? `${n++}. ` : "* ";
        const body = blocks(tokens, j + 1, itemClose, true);
        items.push(indentLines(body, " ".repeat(marker.length), marker));
        j = itemClose;
      }
      const isTight = tokens.slice(i, close).some((x) => x.type === "paragraph_open" && x.hidden);
      parts.push(items.join(isTight ? "\n" : "\n\n"));
      i = close;
    } else if (t.type === "table_open") {
      const close = matching(tokens, i);
      parts.push(table(tokens.slice(i, close + 1)));
      i = close;
    } else if (t.type === "html_block") {
      parts.push(escapeText(t.content.replace(/\n$/, "")));
    }
  }
  return parts.join(tight ? "\n" : "\n\n");
}

function table(tokens: Token[]): string {
  const rows: string[][] = [];
  const aligns: string[] = [];
  let row: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === "tr_open") row = [];
    else if (t.type === "tr_close" && row) rows.push(row);
    else if (t.type === "th_open" || t.type === "td_open") {
      if (t.type === "th_open") aligns.push(/text-align:(\w+)/.exec(String(t.attrGet("style") ?? ""))?.[1] ?? "");
      row!.push(inline(tokens[i + 1]!.children ?? []).replace(/\|/g, "\\|"));
    }
  }
  const line = (cells: string[]) => `|${cells.map((c) => ` ${c} `).join("|")}|`;
  const rule = aligns.map((a) => (a === "center" ? ":-:" : a === "right" ? "--:" : a === "left" ? ":--" : "---"));
  return [line(rows[0] ?? []), `|${rule.join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

function matching(tokens: Token[], open: number): number {
  const type = tokens[open]!.type.replace(/_open$/, "_close");
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.type === tokens[open]!.type) depth++;
    else if (tokens[i]!.type === type && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** The composer's markdown as Reddit's markdown. */
export function toRedditMarkdown(markdown: string): string {
  const tokens = md.parse(markdown.replace(/\r\n?/g, "\n"), {});
  // Only line ends are trimmed: a leading indented code block keeps its four spaces.
  return blocks(tokens, 0, tokens.length).replace(/^\n+|\s+$/g, "");
}
