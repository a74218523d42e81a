import { sanitizeHtml } from "@/lib/markup/sanitize-html";

// The composer's rich text as Telegram's parse_mode HTML (core.telegram.org/bots/api#html-style).
// The allow-list is the "telegram-html" markup profile (lib/markup/profiles.ts): b/strong, i/em,
// u/ins, s/strike/del, tg-spoiler (and span class="tg-spoiler"), a href, code, pre (with
// code class="language-…"), blockquote [expandable]; every other tag goes (its text stays), blocks
// and <br> become "\n", and text keeps only the escapes &lt; &gt; &amp; &quot;. Telegram also
// refuses some nestings ("can't parse entities"), which the allow-list alone does not prevent:
// - pre and code hold plain text only (pre may wrap one code naming the language);
// - blockquotes cannot be nested;
// - links cannot hold other links, code or pre, and need an address.
// Tags breaking those rules are dropped here and their text kept.

const TOKEN = /<(\/?)([a-z][a-z0-9-]*)([^>]*)>|[^<]+/g;

type Open = { name: string; kept: boolean };

/** Whether `name` may open inside the elements in `stack` (outermost first), by Telegram's nesting rules. */
function allowedIn(stack: Open[], name: string): boolean {
  const kept = stack.filter((o) => o.kept).map((o) => o.name);
  const parent = kept.at(-1);
  if (kept.includes("code")) return false;
  if (kept.includes("pre")) return name === "code" && parent === "pre";
  if (name === "blockquote" && kept.includes("blockquote")) return false;
  if (kept.includes("a") && (name === "a" || name === "code" || name === "pre")) return false;
  return true;
}

/** Telegram HTML for `html` (any HTML the composer or an API client sent). */
export function toTelegramHtml(html: string): string {
  const clean = sanitizeHtml(html, "telegram-html");
  const out: string[] = [];
  const stack: Open[] = [];
  for (const m of clean.matchAll(TOKEN)) {
    const [token, slash, name, attrs] = m;
    if (!name) {
      out.push(token);
      continue;
    }
    if (slash) {
      // The sanitiser's output is well formed: a closing tag closes the innermost open element.
      const open = stack.pop();
      if (open?.kept) out.push(`</${open.name}>`);
      continue;
    }
    // A link whose address was refused (javascript:, data:) is left without href: only its text stays.
    const kept = allowedIn(stack, name) && !(name === "a" && !/\shref="/.test(attrs ?? ""));
    // Only a code directly inside pre names a language; anywhere else the class is dropped.
    const keepAttrs = name === "code" && stack.at(-1)?.name !== "pre" ? "" : (attrs ?? "");
    stack.push({ name, kept });
    if (kept) out.push(`<${name}${keepAttrs}>`);
  }
  return out.join("").trim();
}

const ENTITY = /&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** The text a reader sees: tags removed and entities decoded, as Telegram parses it before counting. */
export function telegramPlainText(telegramHtml: string): string {
  return telegramHtml.replace(/<[^>]*>/g, "").replace(ENTITY, (_, e: string) => {
    const lower = e.toLowerCase();
    if (NAMED[lower]) return NAMED[lower];
    const code = lower.startsWith("#x") ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/** Telegram's length of a text or caption: characters after entity parsing. */
export const telegramLength = (telegramHtml: string) => [...telegramPlainText(telegramHtml)].length;
