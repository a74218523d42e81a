// parse_mode "HTML" as the Bot API documents it (core.telegram.org/bots/api#html-style): the tags
// b/strong, i/em, u/ins, s/strike/del, span class="tg-spoiler"/tg-spoiler, a href, code, pre
// (code class="language-…" inside), blockquote [expandable], tg-emoji emoji-id, tg-time; text
// escapes &lt; &gt; &amp; &quot; and numeric ones. Anything else is refused with
// "Bad Request: can't parse entities: …", as Telegram answers. Returns the visible text (what is
// counted against the 4,096/1,024 limits) or the refusal.

const TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
  "tg-time",
]);
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type Parsed = { text: string } | { error: string };

export function parseTelegramHtml(input: string): Parsed {
  let text = "";
  const stack: string[] = [];
  let i = 0;
  const bytes = (at: number) => Buffer.byteLength(input.slice(0, at), "utf8");
  while (i < input.length) {
    const c = input[i]!;
    if (c === "&") {
      const m = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/.exec(input.slice(i, i + 12));
      if (m) {
        const e = m[1]!;
        if (e.startsWith("#")) {
          const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          text += code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
        } else if (NAMED[e]) text += NAMED[e];
        else return { error: `can't parse entities: Unsupported HTML entity "&${e};" at byte offset ${bytes(i)}` };
        i += m[0].length;
        continue;
      }
      text += "&";
      i++;
      continue;
    }
    if (c !== "<") {
      text += c;
      i++;
      continue;
    }
    const end = input.indexOf(">", i);
    if (end < 0) return { error: `can't parse entities: Unclosed start tag at byte offset ${bytes(i)}` };
    const raw = input.slice(i + 1, end);
    const closing = raw.startsWith("/");
    const name = (closing ? raw.slice(1) : raw).trim().split(/[\s/]/)[0]!.toLowerCase();
    if (!name) return { error: `can't parse entities: Empty tag name at byte offset ${bytes(i)}` };
    if (closing) {
      if (stack.at(-1) !== name)
        return {
          error: `can't parse entities: Unmatched end tag at byte offset ${bytes(i)}, expected "</${stack.at(-1) ?? ""}>", found "</${name}>"`,
        };
      stack.pop();
    } else {
      if (!TAGS.has(name)) return { error: `can't parse entities: Unsupported start tag "${name}" at byte offset ${bytes(i)}` };
      const attrs = raw.slice(name.length);
      if (name === "span" && !/class\s*=\s*"tg-spoiler"/.test(attrs))
        return { error: `can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset ${bytes(i)}` };
      if (name === "a" && !/href\s*=\s*"[^"]*"/.test(attrs))
        return { error: `can't parse entities: Tag "a" must have attribute "href" at byte offset ${bytes(i)}` };
      // Entities that cannot hold others: code and pre take no tags (but pre's one code), blockquotes do not nest.
      const top = stack.at(-1);
      if (top === "code" || (top === "pre" && name !== "code"))
        return { error: `can't parse entities: Can't nest "${name}" inside "${top}" at byte offset ${bytes(i)}` };
      if (name === "blockquote" && stack.includes("blockquote"))
        return { error: `can't parse entities: Can't nest "blockquote" inside "blockquote" at byte offset ${bytes(i)}` };
      stack.push(name);
    }
    i = end + 1;
  }
  if (stack.length) return { error: `can't parse entities: Can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { text };
}

/** Telegram's length of a text: characters (code points) after entity parsing. */
export const visibleLength = (text: string) => [...text].length;
