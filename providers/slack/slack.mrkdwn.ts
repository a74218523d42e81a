import { markdownTree, safeLinkTarget, type MdNode } from "../core/markdown-tree";

// The composer's markdown in Slack's mrkdwn (docs.slack.dev "Formatting text for app surfaces"):
// *bold*, _italic_, ~strike~, `code`, ```preformatted```, "> " quotes, <url|text> links. Slack
// has no headings (a heading becomes a bold line), no list syntax (items are written with "•" or
// their number), no images in text (a link to it), no tables (lines of cells). &, < and > are
// Slack's control characters and are escaped as &amp; &lt; &gt; everywhere text is not markup,
// which also keeps typed "<!channel>" or "<@U123>" from notifying anyone; nothing else is
// entity-encoded, as Slack decodes only those three.

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A link target inside <…|…>: its own "|" and ">" would end it early, and spaces are not allowed. */
const linkTarget = (href: string) => href.trim().replace(/[|<>\s]/g, encodeURIComponent);

/** Bold, italic and strikethrough need a non-space at their edges to render: the space moves outside. */
function wrap(mark: string, inner: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  return m[2] ? `${m[1]}${mark}${m[2]}${mark}${m[3]}` : inner;
}

function inline(nodes: MdNode[]): string {
  let out = "";
  for (const n of nodes) {
    switch (n.type) {
      case "text":
        out += escapeMrkdwn(n.content);
        break;
      case "softbreak":
      case "hardbreak":
        out += "\n";
        break;
      case "code_inline":
        out += `\`${escapeMrkdwn(n.content.replace(/`/g, "ˋ"))}\``;
        break;
      case "strong":
        out += wrap("*", inline(n.children));
        break;
      case "em":
        out += wrap("_", inline(n.children));
        break;
      case "s":
        out += wrap("~", inline(n.children));
        break;
      case "link": {
        const href = n.attrs.href ?? "";
        const label = inline(n.children);
        if (!safeLinkTarget(href)) out += label;
        else if (n.markup === "linkify" || n.markup === "autolink") out += `<${linkTarget(href)}>`;
        else out += `<${linkTarget(href)}|${label.replace(/\|/g, "¦")}>`;
        break;
      }
      case "image": {
        const src = n.attrs.src ?? "";
        const alt = inline(n.children) || "image";
        out += safeLinkTarget(src) ? `<${linkTarget(src)}|${alt.replace(/\|/g, "¦")}>` : alt;
        break;
      }
      default:
        out += n.children.length ? inline(n.children) : escapeMrkdwn(n.content);
    }
  }
  return out;
}

const prefixLines = (text: string, first: string, rest: string) =>
  text
    .split("\n")
    .map((l, i) => (i === 0 ? first : rest) + l)
    .join("\n");

function blocks(nodes: MdNode[], depth = 0): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case "paragraph":
        out.push(inline(n.children[0]?.children ?? []));
        break;
      case "heading":
        // No headings in mrkdwn: a line in bold.
        out.push(wrap("*", inline(n.children[0]?.children ?? [])));
        break;
      case "blockquote":
        out.push(prefixLines(blocks(n.children, depth).join("\n"), "> ", "> "));
        break;
      case "bullet_list":
      case "ordered_list": {
        const ordered = n.type === "ordered_list";
        let number = Number(n.attrs.start ?? 1);
        const indent = "    ".repeat(depth);
        const items = n.children.map((item) => {
          const marker = ordered ? `${number++}. ` : depth % 2 ? "◦ " : "• ";
          const body = blocks(item.children, depth + 1).join("\n");
          return prefixLines(body, indent + marker, indent + " ".repeat(marker.length)).replace(
            new RegExp(`\\n${indent} {${marker.length}}(\\s*(?:[•◦]|\\d+\\.) )`, "g"),
            "\n$1",
          );
        });
        out.push(items.join("\n"));
        break;
      }
      case "fence":
      case "code_block":
        out.push(`\`\`\`\n${escapeMrkdwn(n.content.replace(/\n$/, "").replace(/```/g, "`\u200b``"))}\n\`\`\``);
        break;
      case "hr":
        out.push("———");
        break;
      case "table": {
        const rows: string[] = [];
        const walk = (node: MdNode) => {
          if (node.type === "tr") rows.push(node.children.map((c) => inline(c.children[0]?.children ?? [])).join(" | "));
          else node.children.forEach(walk);
        };
        walk(n);
        out.push(rows.join("\n"));
        break;
      }
      default:
        if (n.children.length) out.push(...blocks(n.children, depth));
        else if (n.content) out.push(escapeMrkdwn(n.content));
    }
  }
  return out.filter((b) => b !== "");
}

/** The composer's markdown as Slack mrkdwn. */
export function toMrkdwn(markdown: string): string {
  return blocks(markdownTree(markdown)).join("\n\n").trim();
}
