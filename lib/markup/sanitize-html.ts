import sanitize, { type IOptions } from "sanitize-html";
import { MARKUP_PROFILES, type MarkupProfile, type MarkupProfileName } from "./profiles";

// The one way HTML that a user wrote or pasted reaches a platform or our previews: sanitize-html
// (htmlparser2 underneath, so attributes, comments and malformed markup are parsed as browsers
// parse them, in linear time) with the allow-list of the platform's markup profile. Links keep
// only http(s) and mailto targets. Runs in the browser and on the server alike.

/** Elements whose content goes with them instead of being kept as text. */
const DROP_CONTENT = [
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "template",
  "noscript",
  "noembed",
  "noframes",
  "xmp",
  "textarea",
  "select",
  "option",
  "svg",
  "math",
  "title",
  "head",
];
/** Block elements that a "newlines" profile turns into line breaks. */
const BLOCKS = ["p", "div", "br", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6"];

function optionsFor(p: MarkupProfile, extraTags: string[] = []): IOptions {
  const rel = p.linkRel;
  const transformTags: NonNullable<IOptions["transformTags"]> = {
    ...p.rename,
    // Browsers drop a link's leading and trailing spaces; spaces inside it are kept (they are part of it).
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, ...(attribs.href ? { href: attribs.href.trim() } : {}), ...(rel ? { rel } : {}) },
    }),
  };
  const spanTags = p.spanClassTags;
  if (spanTags) {
    transformTags.span = (tagName, attribs) => {
      const tag = attribs.class
        ?.split(/\s+/)
        .map((c) => spanTags[c])
        .find(Boolean);
      return tag ? { tagName: tag, attribs: {} } : { tagName, attribs };
    };
  }
  return {
    allowedTags: [...p.tags, ...extraTags],
    allowedAttributes: { ...p.attributes, a: ["href", ...(rel ? ["rel"] : [])] },
    allowedClasses: p.classes ?? {},
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowedSchemesAppliedToAttributes: ["href", "src"],
    allowProtocolRelative: false,
    nonTextTags: DROP_CONTENT,
    disallowedTagsMode: "discard",
    transformTags,
    // An editor leaves empty paragraphs behind (a deleted line); they carry nothing.
    exclusiveFilter: (frame) => frame.tag === "p" && !frame.text.trim() && !frame.mediaChildren.length,
  };
}

const cache = new Map<MarkupProfileName, IOptions>();
const optionsOf = (name: MarkupProfileName) => {
  let o = cache.get(name);
  if (!o) cache.set(name, (o = optionsFor(MARKUP_PROFILES[name])));
  return o;
};

// htmlparser2 keeps its open elements in an array it shifts and searches on every tag, so each tag
// costs as much as the nesting is deep: 100,000 characters of "<p><b><i>" (33,000 levels) took a
// second. No editor nests anywhere near 200 levels, so tags deeper than that are turned into text
// before parsing. The count is a linear scan of tag starts (attributes are not read, so it cannot
// be led into slow matching); it may overcount (a "<b" inside an attribute, an unclosed <p>), which
// only matters for input nested absurdly deep. Turning a "<" into "&lt;" can only remove a tag,
// never create one, and the sanitiser still checks the result.
const MAX_DEPTH = 200;
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const TAG_START = /<(\/?)([a-zA-Z][^\s/>]*)/g;

function flattenDeepNesting(input: string): string {
  let depth = 0;
  let deep = false;
  for (const m of input.matchAll(TAG_START)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!VOID.has(m[2]!.toLowerCase()) && ++depth > MAX_DEPTH) {
      deep = true;
      break;
    }
  }
  if (!deep) return input;
  depth = 0;
  return input.replace(TAG_START, (tag, slash: string, name: string) => {
    if (slash) {
      depth = Math.max(0, depth - 1);
      return tag;
    }
    if (VOID.has(name.toLowerCase()) || depth < MAX_DEPTH) {
      if (!VOID.has(name.toLowerCase())) depth++;
      return tag;
    }
    return `&lt;${tag.slice(1)}`;
  });
}

/** The allow-listed HTML of a profile ("rich-text" unless the platform declares another). */
export function sanitizeHtml(html: string, profile: MarkupProfileName = "rich-text"): string {
  const p = MARKUP_PROFILES[profile];
  const input = flattenDeepNesting(html);
  if (p.blocks === "tags") return sanitize(input, optionsOf(profile));
  // First keep the blocks too, so the result is canonical markup that only needs its block tags
  // turned into line breaks; then the profile's own pass removes anything that is left.
  const canonical = sanitize(
    input,
    optionsFor(
      p,
      BLOCKS.filter((t) => !p.tags.includes(t)),
    ),
  );
  const lines = canonical
    .replace(/<br \/>/g, "\n")
    .replace(/<li>/g, "• ")
    .replace(/<\/li>/g, "\n")
    .replace(/<\/(p|div|h[1-6])>/g, "\n\n")
    .replace(/<\/?(p|div|ul|ol|h[1-6])>/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/\s+$/, "");
  return sanitize(lines, optionsOf(profile));
}

/** Escapes every "&", for text that holds no entities (typed by the user, not HTML). */
export const escapePlain = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Plain text as HTML paragraphs, for an html channel that uses the global (plain) text. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapePlain(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/** The text a reader sees, for counting and previews of an html variant. It reads the sanitiser's
 *  own output, whose markup is regular and whose only entities are these four. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html)
    .replace(/<br \/>/g, "\n")
    .replace(/<\/(p|li|h2|h3|blockquote|pre)>/g, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|quot|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&" })[e]!)
    .replace(/\n+$/, "");
}
