// `npm run bench:sanitize`: the HTML sanitiser and the markdown preview on 100,000 characters of
// hostile input (the longest item a platform takes), the median of 5 runs each. Prints figures;
// the last line is one JSON object. Target: well under a second each (the composer sanitises a
// rich-text variant as the user types; the server sanitises every item it saves).
import { markdownToHtml } from "@/lib/composer/markdown";
import { sanitizeHtml } from "@/lib/markup/sanitize-html";
import { percentile } from "./support";

const N = 100_000;
const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
const HTML: Record<string, string> = {
  unterminated_a: fill("<a"),
  unterminated_attribute: fill('<a title="'),
  deep_nesting: fill("<p><b><i>"),
  unclosed_list_paragraphs: fill("<li><p>"),
  comments: fill("<!--"),
  links: fill('<a href="https://x.example/?q=1">x</a>'),
  article: fill(
    '<h2>Heading</h2><p>Some <strong>bold</strong>, <em>italic</em> and a <a href="https://example.com/a?b=1&amp;c=2">link</a>.</p><ul><li>one</li><li>two</li></ul>',
  ),
};
const MARKDOWN: Record<string, string> = {
  emphasis_and_brackets: fill("*a ["),
  link_openers: fill("[a]("),
  quotes: fill(">"),
  article: fill("## Title\n\nSome **bold** and *it* with [a link](https://x.example/*).\n\n- one\n- two\n\n"),
};

function median(f: () => unknown): number {
  f(); // warm-up
  const runs = [0, 1, 2, 3, 4].map(() => {
    const t = performance.now();
    f();
    return performance.now() - t;
  });
  return (
    Math.round(
      percentile(
        runs.sort((a, b) => a - b),
        50,
      ) * 10,
    ) / 10
  );
}

const out: Record<string, number> = {};
for (const [name, s] of Object.entries(HTML)) {
  out[`html_${name}_ms`] = median(() => sanitizeHtml(s));
  out[`telegram_${name}_ms`] = median(() => sanitizeHtml(s, "telegram-html"));
}
for (const [name, s] of Object.entries(MARKDOWN)) out[`markdown_${name}_ms`] = median(() => markdownToHtml(s));
for (const [k, v] of Object.entries(out)) console.log(`${k.replace(/_ms$/, "").replace(/_/g, " ")}: ${v} ms for ${N} characters`);
console.log(JSON.stringify({ chars: N, max_ms: Math.max(...Object.values(out)), ...out }));
