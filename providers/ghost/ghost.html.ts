import { htmlToText, sanitizeHtml, textToHtml } from "@/lib/markup/sanitize-html";

// The post body Ghost receives as `html` with ?source=html, which Ghost converts to Lexical.
// Composer text is already the "post-html" profile's allow-list (lib/posts/prepare.ts); it is
// sanitised again here so that nothing else can reach a site. Text without any markup (a
// channel that uses the plain global text) becomes paragraphs, as Ghost's editor would make them.

const HAS_TAG = /<[a-z][a-z0-9]*[\s>/]/i;

export function ghostHtml(text: string): string {
  const clean = sanitizeHtml(text, "post-html");
  return HAS_TAG.test(clean) ? clean : textToHtml(htmlToText(clean));
}
