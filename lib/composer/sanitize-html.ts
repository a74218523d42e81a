// Rich-text output for platforms whose editor is "html". Whatever the browser's editing surface
// produced (or a user pasted), only this small allow-list of tags survives, with no attributes but
// a checked href on links. It rebuilds every tag itself instead of passing the input through, so
// no attribute, comment, script or malformed markup can reach a platform or our previews.
// Pure string code: it runs in the browser and on the server alike.

const ALLOWED = new Set(["p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3"]);
const VOID = new Set(["br"]);
/** Elements whose content is dropped with them, not unwrapped into text. */
const DROP_CONTENT = new Set(["script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select", "svg", "math", "title", "head"]);
const RENAME: Record<string, string> = { b: "strong", i: "em", div: "p", h1: "h2", h4: "h3", h5: "h3", h6: "h3" };

const escapeText = (s: string) => s.replace(/&(?!(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});)/gi, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Escapes every "&", for text that holds no entities (typed by the user, not HTML). */
export const escapePlain = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** An http(s) or mailto address, or null. Control characters and spaces are removed first, as
 *  browsers do, so "java\tscript:" cannot slip through. */
export function safeHref(raw: string): string | null {
  const v = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  if (/^(https?:\/\/|mailto:)/i.test(v)) return v;
  return null;
}

function attribute(attrs: string, name: string): string | null {
  const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, "i");
  const m = re.exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? "") : null;
}

export function sanitizeHtml(input: string): string {
  const out: string[] = [];
  const open: string[] = [];
  let dropping: string | null = null;
  const token = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<[!?][^>]*>?/g;
  let last = 0;
  for (let m = token.exec(input); m; m = token.exec(input)) {
    if (!dropping) out.push(escapeText(input.slice(last, m.index)));
    last = token.lastIndex;
    const [, slash, rawName, attrs = ""] = m;
    if (!rawName) continue; // comment, doctype, processing instruction
    const name = rawName.toLowerCase();
    if (dropping) {
      if (slash && name === dropping) dropping = null;
      continue;
    }
    if (DROP_CONTENT.has(name)) {
      if (!slash && !/\/\s*$/.test(attrs)) dropping = name;
      continue;
    }
    const tag = RENAME[name] ?? name;
    if (!ALLOWED.has(tag)) continue;
    if (slash) {
      const at = open.lastIndexOf(tag);
      if (at < 0) continue;
      while (open.length > at) out.push(`</${open.pop()}>`);
      continue;
    }
    if (VOID.has(tag)) {
      out.push(`<${tag}>`);
      continue;
    }
    if (tag === "a") {
      const href = safeHref(attribute(attrs, "href") ?? "");
      out.push(href ? `<a href="${escapeAttr(href)}" rel="noopener noreferrer nofollow">` : "<a>");
    } else out.push(`<${tag}>`);
    open.push(tag);
  }
  if (!dropping) out.push(escapeText(input.slice(last)));
  while (open.length) out.push(`</${open.pop()}>`);
  return out.join("").replace(/<p><\/p>/g, "");
}

/** Plain text as HTML paragraphs, for an html channel that uses the global (plain) text. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapePlain(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/** The text a reader sees, for counting and previews of an html variant. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|li|h2|h3|blockquote|pre)>/gi, "\n").replace(/<[^>]*>/g, "")).replace(/\n+$/, "");
}
