import extractUrlsWithIndices from "twitter-text/dist/extractUrlsWithIndices";

// Where the links are in a post, found by twitter-text's extractor: X's reference implementation,
// with the full list of top-level domains (so "example.cz" and "site.ru" are links, as X counts
// them), and what Mastodon's server uses to count links too (only those with http:// or https://
// there). Only this module of twitter-text is imported: its index would bring autolinking, emoji
// tables and more into the composer's bundle for nothing.

export type UrlRange = [start: number, end: number];

/** "bare-domains": X also links "example.com/page"; "with-scheme": Mastodon links only http(s) URLs. */
export type UrlRule = "bare-domains" | "with-scheme";

// The composer recounts every selected channel's text on each keystroke, and a keystroke changes
// one place of a text of up to thousands of characters. Links never contain whitespace, and a link
// after whitespace is found the same as at the start of a text, so the text is cut after an ASCII
// whitespace every CHUNK characters or so and each piece's links are remembered (bounded): a
// keystroke extracts only the piece it changed.
const CHUNK = 256;
const MAX_REMEMBERED = 4_000;
const remembered: Record<UrlRule, Map<string, UrlRange[]>> = { "bare-domains": new Map(), "with-scheme": new Map() };

function piecesRanges(piece: string, rule: UrlRule): UrlRange[] {
  const cache = remembered[rule];
  let ranges = cache.get(piece);
  if (!ranges) {
    if (cache.size >= MAX_REMEMBERED) cache.clear();
    ranges = extractUrlsWithIndices(piece, { extractUrlsWithoutProtocol: rule === "bare-domains" }).map((u) => u.indices as UrlRange);
    cache.set(piece, ranges);
  }
  return ranges;
}

const isCut = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** Start and end (UTF-16 indices) of every link in the text, in order. */
export function urlRanges(text: string, rule: UrlRule): UrlRange[] {
  const out: UrlRange[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + CHUNK);
    while (to < text.length && !isCut(text.charCodeAt(to - 1))) to++;
    for (const [a, b] of piecesRanges(text.slice(from, to), rule)) out.push([from + a, from + b]);
    from = to;
  }
  return out;
}
