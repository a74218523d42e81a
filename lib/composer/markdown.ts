import MarkdownIt from "markdown-it";
import { sanitizeHtml } from "@/lib/markup/sanitize-html";

// The preview of a markdown variant (platforms whose editor is "markdown": articles, dev blogs),
// rendered by markdown-it as CommonMark with GitHub's tables and strikethrough. Raw HTML in the
// markdown is shown as text (html: false), and the result still goes through the rich-text
// sanitiser, so a preview can never run script or link anywhere but http(s) and mailto.

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Images are shown as links to them: a preview should not load third-party addresses as the user
// types (each one would tell that server who is writing what).
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const alt = self.renderInlineAsText(token.children ?? [], options, env) || "image";
  return `<a href="${md.utils.escapeHtml(String(token.attrGet("src") ?? ""))}">${md.utils.escapeHtml(alt)}</a>`;
};

export function markdownToHtml(markdown: string): string {
  return sanitizeHtml(md.render(markdown));
}
