import { urlRanges } from "./url-ranges";

// How each platform counts the length of a post. Pure functions with no server dependencies: the
// composer counts in the browser with exactly the code the server validates with.

export type CountingMethod = "chars" | "graphemes" | "x-weighted" | "mastodon" | "utf8-bytes" | "emoji-bytes";

const segmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

// Most characters are a grapheme on their own. Only combining marks, joiners, surrogate pairs
// (emoji, flags), Hangul jamo and syllables and the rare Prepend marks can join a neighbour, so
// text is counted one character at a time and only the stretches around those go through
// Intl.Segmenter, which is slow (about 1 µs per character). That keeps a 5,000-character post
// cheap to recount on every keystroke, with exactly the segmenter's answer.
const JOINING = /[\p{M}\u200C\u200D\u1100-\u11FF\uA960-\uA97F\uAC00-\uD7FF\uD800-\uDFFF\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E]/u;
const kind = new Uint8Array(0x10000); // 0 unknown, 1 stands alone, 2 may join

function standsAlone(code: number): boolean {
  if (code < 0x80) return true;
  let k = kind[code]!;
  if (k === 0) kind[code] = k = JOINING.test(String.fromCharCode(code)) ? 2 : 1;
  return k === 1;
}

/** A grapheme boundary is certain between two characters that both stand alone (but CR LF, and
 *  after a Prepend); anything else is left to the segmenter. */
function boundaryBefore(text: string, j: number): boolean {
  const a = text.charCodeAt(j - 1);
  const b = text.charCodeAt(j);
  return standsAlone(a) && standsAlone(b) && !(a === 0x0d && b === 0x0a);
}

/** Calls `single(code)` for each character that is a grapheme by itself and `segment(piece)` for
 *  each stretch that needs the segmenter; together they cover the text exactly once. */
function walkClusters(text: string, single: (code: number) => void, segment: (piece: string) => void): void {
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (standsAlone(c) && (i + 1 === len || standsAlone(text.charCodeAt(i + 1)))) {
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++; // CR LF is one
      single(c);
      i++;
      continue;
    }
    // From this character to the next certain boundary (Prepend characters never stand alone).
    let j = i + 1;
    while (j < len && !boundaryBefore(text, j)) j++;
    segment(text.slice(i, j));
    i = j;
  }
}

// Each segment the iterator returns carries a copy of its whole input, so one long stretch of
// joining characters (100,000 characters of emoji) costs seconds and gigabytes. Long stretches are
// segmented a window at a time instead: a boundary depends on one code point after it, so every
// segment of a window but its last is final, and the next window starts where that last one did.
const WINDOW = 512;
function* graphemes(seg: Intl.Segmenter, text: string): Generator<string> {
  let start = 0;
  let size = WINDOW;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length && end > start + 1 && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--; // not between a surrogate pair
    const parts = [...seg.segment(text.slice(start, end))];
    if (end === text.length) {
      for (const p of parts) yield p.segment;
      return;
    }
    if (parts.length < 2) {
      size *= 2; // one cluster longer than the window
      continue;
    }
    size = WINDOW;
    const last = parts.pop()!;
    for (const p of parts) yield p.segment;
    start += last.index;
  }
}

export function graphemeCount(text: string): number {
  if (!segmenter) return [...text].length;
  const seg = segmenter;
  let n = 0;
  walkClusters(
    text,
    () => n++,
    (piece) =>
      (n += memo(clusterCounts, piece, () => {
        let k = 0;
        for (const _ of graphemes(seg, piece)) k++;
        return k;
      })),
  );
  return n;
}

// The same few stretches (an emoji, a flag, an accented letter) recur throughout a text and on
// every keystroke: their counts are remembered (bounded) instead of segmenting them again.
const clusterCounts = new Map<string, number>();
const clusterWeights = new Map<string, number>();
function memo(cache: Map<string, number>, key: string, compute: () => number): number {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, (v = compute()));
  }
  return v;
}

/** What a link counts for on X and Mastodon, whatever its length. */
export const URL_WEIGHT = 23;

/** X: NFC text, URLs (as twitter-text finds them, bare domains included) weigh 23, code points in
 *  the light ranges weigh 1, everything else 2. */
export function xWeightedLength(text: string): number {
  const normalized = text.normalize("NFC");
  let total = 0;
  let last = 0;
  for (const [start, end] of urlRanges(normalized, "bare-domains")) {
    total += xWeightOfPlain(normalized.slice(last, start)) + URL_WEIGHT;
    last = end;
  }
  return total + xWeightOfPlain(normalized.slice(last));
}

// twitter-text v3 config: these code point ranges weigh 1; an emoji sequence weighs 2 as a whole.
const LIGHT_RANGES: [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];
// Flags (regional-indicator pairs) and keycaps (digit + U+20E3) are emoji sequences too.
const EMOJI_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

function weightOfCluster(g: string): number {
  if (EMOJI_RE.test(g)) return 2;
  let total = 0;
  for (const ch of g) {
    const cp = ch.codePointAt(0)!;
    total += LIGHT_RANGES.some(([a, b]) => cp >= a && cp <= b) ? 1 : 2;
  }
  return total;
}

function xWeightOfPlain(text: string): number {
  if (!text) return 0;
  if (!segmenter) return [...text].reduce((t, ch) => t + weightOfCluster(ch), 0);
  const seg = segmenter;
  let total = 0;
  walkClusters(
    text,
    (code) => (total += code < 0x80 ? 1 : weightOfCluster(String.fromCharCode(code))),
    (piece) =>
      (total += memo(clusterWeights, piece, () => {
        let w = 0;
        for (const g of graphemes(seg, piece)) w += weightOfCluster(g);
        return w;
      })),
  );
  return total;
}

// A Mastodon mention: @user or @user@domain; only the local part counts.
const MENTION_RE = /(^|[^\w/])@(\w+)@[\w.-]+\w/g;

/** Mastodon: graphemes, with every http(s) URL as 23 and `@user@domain` as `@user` (its server
 *  counts links with twitter-text's extractor, scheme required). */
export function mastodonLength(text: string): number {
  let shortened = "";
  let last = 0;
  for (const [start, end] of urlRanges(text, "with-scheme")) {
    shortened += text.slice(last, start) + "x".repeat(URL_WEIGHT);
    last = end;
  }
  shortened += text.slice(last);
  return graphemeCount(shortened.replace(MENTION_RE, (_m, pre: string, user: string) => `${pre}@${user}`));
}

/** Code points, without building an array of them (this runs on every keystroke). */
export function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

// An emoji's code points (pictographs, flags, keycaps, and the joiners and selectors between them).
const EMOJI_PART = /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u20E3\u200D\uFE0F]/u;

/** Code points, each emoji's counted as its UTF-8 bytes (Threads: "emojis are counted as the number of UTF-8 bytes"). */
export function emojiBytesLength(text: string): number {
  let n = 0;
  for (const ch of text) n += EMOJI_PART.test(ch) ? utf8Bytes(ch) : 1;
  return n;
}

export function countText(method: CountingMethod, text: string): number {
  switch (method) {
    case "chars":
      return codePoints(text);
    case "graphemes":
      return graphemeCount(text);
    case "x-weighted":
      return xWeightedLength(text);
    case "mastodon":
      return mastodonLength(text);
    case "utf8-bytes":
      return utf8Bytes(text);
    case "emoji-bytes":
      return emojiBytesLength(text);
    default: {
      const never: never = method;
      throw new Error(`Unknown counting method ${String(never)}`);
    }
  }
}

export const COUNTING_LABEL: Record<CountingMethod, string> = {
  chars: "characters",
  graphemes: "characters (emoji and accented letters count once)",
  "x-weighted": "weighted characters (links count 23; emoji and CJK count 2)",
  mastodon: "characters (links count 23; @user@server counts as @user)",
  "utf8-bytes": "bytes",
  "emoji-bytes": "characters (an emoji counts as its UTF-8 bytes, usually 4)",
};
