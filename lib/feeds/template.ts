// The text of a post made from a feed item: the feed's template (or a channel's own) with the
// item's fields put in. Pure, so the feeds form can preview exactly what the worker will post.

export const PLACEHOLDERS = ["title", "link", "summary", "author", "feed"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

export const DEFAULT_TEMPLATE = "{title}\n\n{link}";
const PLACEHOLDER = /\{([a-zA-Z_]+)\}/g;

/** Why a template cannot be used, or null: an unknown {name} is almost always a typo. */
export function templateProblem(template: string): string | null {
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((n) => !PLACEHOLDERS.includes(n as Placeholder));
  if (unknown.length) return `unknown placeholder {${unknown[0]}}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`;
  if (!template.trim()) return "write a template, for example {title} {link}";
  return null;
}

export function renderTemplate(template: string, values: TemplateValues): string {
  return (
    template
      .replace(PLACEHOLDER, (whole, name: string) => (PLACEHOLDERS.includes(name as Placeholder) ? values[name as Placeholder] : whole))
      // An empty field leaves its separators behind: "{title} {summary} {link}" without a summary.
      .replace(/[ \t]{2,}/g, " ")
      .replace(/[ \t]+\n/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

export type Fitted = { text: string; shortened: boolean } | { problem: string };

/**
 * Renders the template within a channel's limit. Too long a text is shortened at a word boundary
 * with an ellipsis: the summary first, then the title; the link (and the rest of the template) is
 * never cut, since a post whose link is broken is worse than none. When even the template with an
 * empty summary and title is too long, there is nothing sensible to cut and the item fails with
 * the reason.
 */
export function fitTemplate(template: string, values: TemplateValues, maxLength: number, count: (text: string) => number): Fitted {
  const fits = (v: TemplateValues) => count(renderTemplate(template, v)) <= maxLength;
  const full = renderTemplate(template, values);
  if (count(full) <= maxLength) return { text: full, shortened: false };
  let v: TemplateValues = { ...values, summary: "" };
  if (fits(v))
    return {
      text: renderTemplate(template, { ...v, summary: longestFitting(values.summary, (s) => fits({ ...v, summary: s })) }),
      shortened: true,
    };
  v = { ...v, title: "" };
  if (fits(v))
    return {
      text: renderTemplate(template, { ...v, title: longestFitting(values.title, (s) => fits({ ...v, title: s })) }),
      shortened: true,
    };
  const bare = count(renderTemplate(template, v));
  return { problem: `the template with the link alone is ${bare} characters; the channel takes at most ${maxLength}` };
}

/** The longest start of `text`, cut after a whole word and ending in "…", that `ok` accepts ("" if none). */
export function longestFitting(text: string, ok: (s: string) => boolean): string {
  const words = text.split(/\s+/).filter(Boolean);
  // A text with no spaces (a long URL, or Chinese and Japanese) is cut by character instead.
  const pieces = words.length > 1 ? words : Array.from(text.trim());
  const sep = words.length > 1 ? " " : "";
  const cut = (n: number) =>
    n === 0
      ? ""
      : n >= pieces.length
        ? pieces.join(sep)
        : `${pieces
            .slice(0, n)
            .join(sep)
            .replace(/[\s,.;:!?-]+$/, "")}…`;
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(cut(mid))) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}
