import { markdownTree, safeLinkTarget, type MdNode } from "../core/markdown-tree";

// The composer's markdown in Discord's own markdown (support.discord.com "Markdown Text 101" and
// the developer docs' message formatting): **bold**, *italic*, ~~strikethrough~~, `code`, fenced
// code blocks with a language, "> " quotes, "-" and "1." lists, headings of levels 1–3 only, and
// masked links [text](url). Discord renders no tables, images or HTML: a table becomes lines of
// cells, an image a masked link to it, HTML stays text. Text is escaped with a backslash before
// every character Discord would read as formatting (its parser takes "\" before any punctuation;
// parentheses need none once "[" is escaped),
// so what the user typed as text stays text; mentions are not escaped here (allowed_mentions
// decides whether they notify).

/** Characters Discord reads as formatting anywhere in a line. */
const INLINE_SPECIAL = /[\\*_~`|[\]]/g;
/** What makes a line a heading, quote, list item or subtext ("-# ") when it starts one. */
const LINE_START = /^(\s*)(#|>|-|\+|\d+\.)/;

export function escapeDiscord(text: string): string {
  return (
    text
      .replace(INLINE_SPECIAL, (c) => `\\${c}`)
      .split("\n")
      // "\\" escapes punctuation only: a numbered line keeps its digits and escapes its dot.
      .map((line) =>
        line.replace(LINE_START, (_m, space: string, mark: string) =>
          /^\d/.test(mark) ? `${space}${mark.slice(0, -1)}\\.` : `${space}\\${mark}`,
        ),
      )
      .join("\n")
  );
}

/** Inline code in backticks that its own backticks cannot close. */
function inlineCode(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest >= 1 ? 2 : 1);
  const pad = code.startsWith("`") || code.endsWith("`") ? " " : "";
  return `${fence}${pad}${code}${pad}${fence}`;
}

function inline(nodes: MdNode[]): string {
  let out = "";
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    switch (n.type) {
      case "text":
        out += escapeDiscord(n.content);
        break;
      case "softbreak":
      case "hardbreak":
        out += "\n";
        break;
      case "code_inline":
        out += inlineCode(n.content);
        break;
      case "strong":
        out += `**${inline(n.children)}**`;
        break;
      case "em":
        out += `*${inline(n.children)}*`;
        break;
      case "s":
        out += `~~${inline(n.children)}~~`;
        break;
      case "link": {
        const href = n.attrs.href ?? "";
        const label = inline(n.children);
        // A bare URL is linked by Discord itself; a masked link only for a web or mail address.
        if (n.markup === "linkify" || n.markup === "autolink") out += href;
        else if (safeLinkTarget(href)) out += `[${label}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
        else out += label;
        break;
      }
      case "image": {
        // No inline images in a message: a masked link to it, its alt text as the label.
        const src = n.attrs.src ?? "";
        const alt = inline(n.children) || "image";
        out += safeLinkTarget(src) ? `[${alt}](${src.replace(/[()\s]/g, encodeURIComponent)})` : alt;
        break;
      }
      default:
        out += n.children.length ? inline(n.children) : escapeDiscord(n.content);
    }
  }
  return out;
}

const prefixLines = (text: string, first: string, rest: string) =>
  text
    .split("\n")
    .map((l, i) => (i === 0 ? first : rest) + l)
    .join("\n");

function blocks(nodes: MdNode[], tight = false): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case "paragraph":
        out.push(inline(n.children[0]?.children ?? []));
        break;
      case "inline":
        out.push(inline(n.children));
        break;
      case "heading": {
        const level = Number(n.tag.slice(1));
        const text = inline(n.children[0]?.children ?? []);
        // Discord has headings of levels 1 to 3; deeper ones become a bold line.
        out.push(level <= 3 ? `${"#".repeat(level)} ${text}` : `**${text}**`);
        break;
      }
      case "blockquote":
        out.push(prefixLines(blocks(n.children).join("\n"), "> ", "> "));
        break;
      case "bullet_list":
      case "ordered_list": {
        const ordered = n.type === "ordered_list";
        let number = Number(n.attrs.start ?? 1);
        const items = n.children.map((item) => {
          const marker = ordered ? `${number++}. ` : "- ";
          const body = blocks(item.children, true).join("\n");
          return prefixLines(body, marker, " ".repeat(marker.length));
        });
        out.push(items.join("\n"));
        break;
      }
      case "fence":
      case "code_block": {
        const lang = n.info.trim().split(/\s+/)[0] ?? "";
        // Three backticks inside would end the block early: a zero-width space keeps them apart.
        const code = n.content.replace(/```/g, "`\u200b``").replace(/\n$/, "");
        out.push(`\`\`\`${/^[\w+#.-]*$/.test(lang) ? lang : ""}\n${code}\n\`\`\``);
        break;
      }
      case "hr":
        out.push("———");
        break;
      case "table":
        out.push(table(n));
        break;
      default:
        if (n.children.length) out.push(...blocks(n.children, tight));
        else if (n.content) out.push(escapeDiscord(n.content));
    }
  }
  return tight ? out : out.filter((b) => b !== "");
}

/** Discord draws no tables: each row a line, its cells apart with " | " (escaped pipes are text). */
function table(n: MdNode): string {
  const rows: string[] = [];
  const walk = (node: MdNode) => {
    if (node.type === "tr") rows.push(node.children.map((cell) => inline(cell.children[0]?.children ?? [])).join(" \\| "));
    else node.children.forEach(walk);
  };
  walk(n);
  return rows.join("\n");
}

/** The composer's markdown as a Discord message's content. */
export function toDiscordMarkdown(markdown: string): string {
  return blocks(markdownTree(markdown)).join("\n\n").trim();
}
