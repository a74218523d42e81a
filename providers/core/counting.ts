// How each platform counts the length of a post. Pure functions with no server dependencies: the
// composer counts in the browser with exactly the code the server validates with.

export type CountingMethod = "chars" | "graphemes" | "x-weighted" | "mastodon" | "utf8-bytes";

const segmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

export function graphemeCount(text: string): number {
  if (!segmenter) return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

// URLs as platforms' link extractors see them: a scheme, a host with a dot, then anything up to
// whitespace, with trailing punctuation left out (as in "see https://a.io/x.").
const URL_RE = /https?:\/\/[^\s/$.?#][^\s]*[^\s.,:;!?'")\]}>]/gi;
export const URL_WEIGHT = 23;

// X also links bare domains ("example.com/page"). twitter-text knows every TLD; this covers the
// common ones, so a composer count never undercounts them by much.
const BARE_TLDS = "com|org|net|io|co|dev|app|ai|me|info|biz|edu|gov|tv|ly|gl|uk|de|fr|es|it|nl|ca|au|jp|us|be|ch|se|no|fi|dk|pl|br|in|eu";
const X_URL_RE = new RegExp(
  `${URL_RE.source}|(?<![\\w@.])(?:www\\.)?(?:[a-z0-9-]+\\.)+(?:${BARE_TLDS})\\b(?:/[^\\s]*[^\\s.,:;!?'")\\]}>])?`,
  "gi",
);

/** X: NFC text, URLs weigh 23, code points in the light ranges weigh 1, everything else 2. */
export function xWeightedLength(text: string): number {
  const normalized = text.normalize("NFC");
  let total = 0;
  let last = 0;
  for (const m of normalized.matchAll(X_URL_RE)) {
    total += xWeightOfPlain(normalized.slice(last, m.index)) + URL_WEIGHT;
    last = m.index! + m[0].length;
  }
  return total + xWeightOfPlain(normalized.slice(last));
}

// twitter-text v3 config: these code point ranges weigh 1; an emoji sequence weighs 2 as a whole.
const LIGHT_RANGES: [number, number][] = [
  [0x0000, 0x10ff], [0x2000, 0x200d], [0x2010, 0x201f], [0x2032, 0x2037],
];
// Flags (regional-indicator pairs) and keycaps (digit + U+20E3) are emoji sequences too.
const EMOJI_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

function xWeightOfPlain(text: string): number {
  if (!text) return 0;
  let total = 0;
  const parts = segmenter ? [...segmenter.segment(text)].map((s) => s.segment) : [...text];
  for (const g of parts) {
    if (EMOJI_RE.test(g)) {
      total += 2;
      continue;
    }
    for (const ch of g) {
      const cp = ch.codePointAt(0)!;
      total += LIGHT_RANGES.some(([a, b]) => cp >= a && cp <= b) ? 1 : 2;
    }
  }
  return total;
}

// A Mastodon mention: @user or @user@domain; only the local part counts.
const MENTION_RE = /(^|[^\w/])@(\w+)@[\w.-]+\w/g;

/** Mastodon: graphemes, with every URL as 23 and `@user@domain` as `@user`. */
export function mastodonLength(text: string): number {
  const shortened = text.replace(URL_RE, "x".repeat(URL_WEIGHT)).replace(MENTION_RE, (_m, pre: string, user: string) => `${pre}@${user}`);
  return graphemeCount(shortened);
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function countText(method: CountingMethod, text: string): number {
  switch (method) {
    case "chars":
      return [...text].length;
    case "graphemes":
      return graphemeCount(text);
    case "x-weighted":
      return xWeightedLength(text);
    case "mastodon":
      return mastodonLength(text);
    case "utf8-bytes":
      return utf8Bytes(text);
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
};
