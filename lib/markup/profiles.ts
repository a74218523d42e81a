// What HTML each kind of platform takes, as data: a provider names its profile (`markup`) next to its
// editor kind, and the sanitiser, the composer and the publishing path read it from there, so a new
// article or chat platform adds no branch here. Sources: Telegram Bot API "Formatting options" (HTML
// style), WordPress/Ghost post HTML (Ghost converts it to Lexical, so plain semantic tags only),
// Slack "Formatting text for app surfaces" (mrkdwn, converted from the slack profile's HTML).

export type MarkupProfileName = "rich-text" | "telegram-html" | "post-html" | "slack-mrkdwn";

export type MarkupProfile = {
  /** Tags kept; any other tag is removed and its text kept (script, style and the like lose their content too). */
  tags: string[];
  /** Attributes kept per tag, besides the checked href of links (images' src is listed here and checked too). */
  attributes?: Record<string, string[]>;
  /** Class names kept per tag ("language-*" globs allowed); other classes, and class on other tags, are removed. */
  classes?: Record<string, string[]>;
  /** A span with one of these classes is written as the named tag (Telegram's spoiler); other spans are unwrapped. */
  spanClassTags?: Record<string, string>;
  /** Tags written as another before the allow-list applies (b -> strong). */
  rename?: Record<string, string>;
  /** rel set on every link, for pages that show other people's links (our previews); none leaves rel out. */
  linkRel?: string;
  /** "newlines": the platform has no paragraph or list tags, so blocks and <br> become line breaks. */
  blocks: "tags" | "newlines";
};

const RICH_TEXT: MarkupProfile = {
  tags: ["p", "br", "strong", "em", "u", "s", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3"],
  rename: { b: "strong", i: "em", strike: "s", del: "s", ins: "u", div: "p", h1: "h2", h4: "h3", h5: "h3", h6: "h3" },
  linkRel: "noopener noreferrer nofollow",
  blocks: "tags",
};

export const MARKUP_PROFILES: Record<MarkupProfileName, MarkupProfile> = {
  /** The composer's rich-text editor, our previews, and platforms without a narrower list. */
  "rich-text": RICH_TEXT,
  /** Telegram's parse_mode HTML: these tags only, and "\n" for line breaks (a <p> or <br> is refused).
   *  <span class="tg-spoiler"> is accepted and written as its equivalent <tg-spoiler>. */
  "telegram-html": {
    tags: ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "a", "code", "pre", "blockquote"],
    attributes: { blockquote: ["expandable"] },
    classes: { code: ["language-*"] },
    spanClassTags: { "tg-spoiler": "tg-spoiler" },
    blocks: "newlines",
  },
  /** A WordPress or Ghost post body: semantic HTML with headings, images and tables, no classes or styles. */
  "post-html": {
    tags: [
      "p",
      "br",
      "hr",
      "strong",
      "em",
      "u",
      "s",
      "sub",
      "sup",
      "a",
      "ul",
      "ol",
      "li",
      "blockquote",
      "code",
      "pre",
      "h1",
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "img",
      "figure",
      "figcaption",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
    ],
    attributes: { img: ["src", "alt", "width", "height"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"] },
    rename: { b: "strong", i: "em", strike: "s", del: "s", ins: "u", div: "p" },
    blocks: "tags",
  },
  /** Slack: stored as this small HTML subset, sent as mrkdwn (see slack-mrkdwn.ts). */
  "slack-mrkdwn": {
    tags: ["p", "br", "strong", "em", "s", "a", "ul", "ol", "li", "blockquote", "code", "pre"],
    rename: { b: "strong", i: "em", strike: "s", del: "s", div: "p", h1: "p", h2: "p", h3: "p", h4: "p", h5: "p", h6: "p" },
    blocks: "tags",
  },
};

/** The profile a provider's text goes through: its own declaration, else "rich-text" for an html
 *  editor; null for editors whose text is sent as written (plain text, markdown). */
export function markupProfileOf(p: { editor: string; markup?: MarkupProfileName | null }): MarkupProfileName | null {
  return p.markup ?? (p.editor === "html" ? "rich-text" : null);
}
