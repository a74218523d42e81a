import { createHash } from "node:crypto";
import { htmlToText } from "@/lib/markup/sanitize-html";

// What a campaign's body and plain-text alternative are made of. The composer's text arrives as
// the post-html profile's sanitised HTML (lib/posts/prepare.ts); Listmonk takes it as
// content_type "html". Listmonk compiles body and altbody as Go templates, where "{{" opens an
// action: a user's literal braces would break the campaign ("Error compiling campaign body"), so
// each "{{" is written as the template action that prints it.

const HAS_TAG = /<[a-z][a-z0-9]*[\s>/]/i;

/** Go template text that prints `s` as written. */
export const escapeTemplate = (s: string) => s.replace(/\{\{/g, '{{"{{"}}');

/** Text typed without markup (a plain global text) as paragraphs; it is already entity-escaped by the sanitiser. */
function asHtml(text: string): string {
  if (HAS_TAG.test(text)) return text;
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${p.replace(/\n/g, "<br>")}</p>`)
    .join("");
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The post's images, uploaded to the server, above its text in their order. */
const imagesHtml = (images: { url: string; alt?: string }[]) =>
  images.map((i) => `<p><img src="${attr(i.url)}" alt="${attr(i.alt ?? "")}"></p>`).join("");

export function campaignContent(text: string, images: { url: string; alt?: string }[] = []): { body: string; altbody: string } {
  const html = imagesHtml(images) + asHtml(text);
  return { body: escapeTemplate(html), altbody: escapeTemplate(htmlToText(html)) };
}

/**
 * The tag a publish attempt puts on its campaign, so a lost answer can be settled by reading
 * campaigns back: the same attempt (post target and item) always gives the same tag.
 */
export function attemptTag(idempotencyKey: string): string {
  return `postmill-${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 16)}`;
}
