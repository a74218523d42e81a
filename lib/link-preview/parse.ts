import { Parser } from "htmlparser2";

// Reads what a page says about itself for a link card: Open Graph first, then the Twitter card
// tags, then plain HTML (<title>, <meta name=description>, <link rel=icon>), and the address of
// its oEmbed description when it offers one. htmlparser2 parses the markup as browsers do
// (unclosed tags, comments, entities decoded in text and attributes); this file only picks fields.

export type PageMeta = {
  title: string | null;
  description: string | null;
  image: string | null;
  siteName: string | null;
  icon: string | null;
  /** The page's application/json+oembed link, absolute. */
  oembed: string | null;
};

export const MAX_TITLE = 300;
export const MAX_DESCRIPTION = 1_000;

const clean = (s: string | undefined, max: number): string | null => {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  if (!t) return null;
  // Cut on a code point, not inside a surrogate pair.
  return t.length > max
    ? `${Array.from(t)
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`
    : t;
};

/** An absolute http(s) address for `href` relative to `base`, or null when it is none. */
export function absoluteHttpUrl(href: string | undefined, base: string): string | null {
  const raw = href?.trim();
  if (!raw) return null;
  try {
    const u = new URL(raw, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

export function parsePageMeta(html: string, pageUrl: string): PageMeta {
  const meta = new Map<string, string>();
  let titleText = "";
  let inTitle = false;
  let sawTitle = false;
  let base = pageUrl;
  let icon: string | undefined;
  let oembed: string | undefined;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "title" && !sawTitle) inTitle = true;
        else if (name === "base" && attrs.href) base = absoluteHttpUrl(attrs.href, pageUrl) ?? base;
        else if (name === "meta") {
          // Open Graph uses property=, Twitter name=; pages mix both up, so either is read.
          const key = (attrs.property ?? attrs.name ?? "").trim().toLowerCase();
          if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
        } else if (name === "link" && attrs.href) {
          const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
          const type = (attrs.type ?? "").toLowerCase().trim();
          if (rel.includes("icon") || rel.includes("apple-touch-icon")) icon ??= attrs.href;
          if (rel.includes("alternate") && type === "application/json+oembed") oembed ??= attrs.href;
        }
      },
      ontext(text) {
        if (inTitle) titleText += text;
      },
      onclosetag(name) {
        if (name === "title" && inTitle) {
          inTitle = false;
          sawTitle = true;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  const first = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v !== undefined && v.trim() !== "");
  return {
    title: clean(first("og:title", "twitter:title") ?? titleText, MAX_TITLE),
    description: clean(first("og:description", "twitter:description", "description"), MAX_DESCRIPTION),
    image:
      ["og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"]
        .map((k) => absoluteHttpUrl(meta.get(k), base))
        .find(Boolean) ?? null,
    siteName: clean(first("og:site_name", "application-name"), MAX_TITLE),
    icon: absoluteHttpUrl(icon, base),
    oembed: absoluteHttpUrl(oembed, base),
  };
}

/** The page's text: the charset named by the Content-Type header, else by a <meta> near the top, else UTF-8. */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  const label =
    /charset=["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
