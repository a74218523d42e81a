import { extractFromXml } from "@extractus/feed-extractor";
import { htmlToText } from "@/lib/markup/sanitize-html";
import { itemKey } from "./identity";

// Reads an RSS 2.0, RSS 1.0 (RDF) or Atom document that we fetched ourselves (fetch.ts): the
// library only parses (extractFromXml), it never fetches. Titles and summaries arrive as HTML in
// many feeds; they become plain text through sanitize-html (lib/markup), never a regex.

export type ParsedItem = {
  key: string;
  title: string;
  link: string;
  summary: string;
  author: string;
  publishedAt: Date | null;
};
export type ParsedFeed = { title: string; items: ParsedItem[] };

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedParseError";
  }
}

/** Text out of whatever shape the XML parser gave a field: a string, {#text}, or {name} for an Atom author. */
function text(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return text(o["#text"] ?? o._text ?? o.name ?? o["@_href"] ?? "");
  }
  return "";
}

const plain = (html: string) => htmlToText(html).replace(/\s+/g, " ").trim();

function date(s: unknown): Date | null {
  const d = typeof s === "string" && s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

/** An Atom document (its root element in the Atom namespace) without a single entry. */
function isEmptyAtom(xml: string): boolean {
  return /<feed\b[^>]*xmlns(:\w+)?=["']http:\/\/www\.w3\.org\/2005\/Atom["']/.test(xml) && !/<(\w+:)?entry\b/.test(xml);
}

export function parseFeed(xml: string, baseUrl: string): ParsedFeed {
  const body = xml.replace(/^\uFEFF/, "").trimStart();
  if (!body.startsWith("<")) throw new FeedParseError("the address did not answer with an RSS or Atom feed (the answer is not XML)");
  let data;
  try {
    data = extractFromXml(body, {
      descriptionMaxLen: 0,
      baseUrl,
      // The raw fields the normalised entry drops or rewrites: the real guid/id (the library
      // makes one up when it is missing), the author, and the untruncated HTML summary.
      getExtraEntryFields: (e) => ({
        rawGuid: text(e.guid ?? e.id),
        rawAuthor: text(e.author ?? e["dc:creator"]),
        rawSummary: text(e.description ?? e.summary ?? e["content:encoded"] ?? e.content),
      }),
    });
  } catch (e) {
    // The library recognises Atom by its entries, so a new Atom feed with none yet is still a feed.
    if (isEmptyAtom(body)) return { title: "", items: [] };
    const why = e instanceof Error ? e.message : String(e);
    throw new FeedParseError(`the address did not answer with an RSS or Atom feed (${why.slice(0, 200)})`);
  }
  const items = (data.entries ?? []).map((e): ParsedItem => {
    const title = plain(String(e.title ?? ""));
    const link = String(e.link ?? "").trim();
    return {
      key: itemKey({ guid: e.rawGuid as string, link, title }),
      title,
      link,
      summary: plain(String(e.rawSummary ?? "")),
      author: plain(String(e.rawAuthor ?? "")),
      publishedAt: date(e.published),
    };
  });
  return { title: plain(String(data.title ?? "")), items };
}
