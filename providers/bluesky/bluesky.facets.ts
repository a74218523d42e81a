// Rich text for a post. The server does not detect links, mentions or hashtags: the client sends
// "facets", each marking a UTF-8 byte range of the text. JS strings index UTF-16 code units, so
// every range is converted (an emoji before a link shifts bytes and code units differently).

export type Facet = {
  index: { byteStart: number; byteEnd: number };
  features: (
    | { $type: "app.bsky.richtext.facet#link"; uri: string }
    | { $type: "app.bsky.richtext.facet#mention"; did: string }
    | { $type: "app.bsky.richtext.facet#tag"; tag: string }
  )[];
};

type Span = { start: number; end: number };
export type Candidate = Span & ({ kind: "link"; uri: string } | { kind: "mention"; handle: string } | { kind: "tag"; tag: string });

const encoder = new TextEncoder();
const TRAILING_PUNCTUATION = /[.,:;!?'")\]}>]+$/;

// A link starts at a word boundary with http(s):// and runs to whitespace.
const LINK_RE = /(?<![\w/])https?:\/\/[^\s]+/giu;
// A handle is a domain name: labels of letters, digits and hyphens, at least two of them.
const MENTION_RE = /(?<![\w@.])@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)/giu;
// A hashtag follows whitespace or the start; its tag is what runs up to whitespace or another #.
const TAG_RE = /(?<=^|\s)[#＃]([^\s#＃]+)/gu;
const MAX_TAG_LENGTH = 64;

export function utf8Offset(text: string, index: number): number {
  return encoder.encode(text.slice(0, index)).length;
}

function links(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(LINK_RE)) {
    const uri = m[0].replace(TRAILING_PUNCTUATION, "");
    if (!/^https?:\/\/[^/\s]+\.[^/\s]+/i.test(uri)) continue;
    out.push({ kind: "link", uri, start: m.index, end: m.index + uri.length });
  }
  return out;
}

function mentions(text: string): Candidate[] {
  return [...text.matchAll(MENTION_RE)].map((m) => ({
    kind: "mention" as const,
    handle: m[1]!.toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function tags(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(TAG_RE)) {
    const tag = m[1]!.replace(/\p{P}+$/u, "");
    // "#1" is a number, not a tag; tags longer than the lexicon allows are left as text.
    if (!tag || /^\d+$/.test(tag) || [...tag].length > MAX_TAG_LENGTH) continue;
    out.push({ kind: "tag", tag, start: m.index, end: m.index + 1 + tag.length });
  }
  return out;
}

/** Links, mentions and hashtags in text order, without overlaps (a link wins over what is inside it). */
export function detectCandidates(text: string): Candidate[] {
  const taken: Span[] = [];
  const out: Candidate[] = [];
  for (const c of [...links(text), ...mentions(text), ...tags(text)]) {
    if (taken.some((s) => c.start < s.end && s.start < c.end)) continue;
    taken.push(c);
    out.push(c);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The facets for `text`. Mentions need the handle's DID; `resolveHandle` answers undefined when
 * the handle does not resolve, and that mention stays plain text.
 */
export async function buildFacets(text: string, resolveHandle: (handle: string) => Promise<string | undefined>): Promise<Facet[]> {
  const facets: Facet[] = [];
  for (const c of detectCandidates(text)) {
    const index = { byteStart: utf8Offset(text, c.start), byteEnd: utf8Offset(text, c.end) };
    if (c.kind === "link") facets.push({ index, features: [{ $type: "app.bsky.richtext.facet#link", uri: c.uri }] });
    else if (c.kind === "tag") facets.push({ index, features: [{ $type: "app.bsky.richtext.facet#tag", tag: c.tag }] });
    else {
      const did = await resolveHandle(c.handle);
      if (did) facets.push({ index, features: [{ $type: "app.bsky.richtext.facet#mention", did }] });
    }
  }
  return facets;
}
