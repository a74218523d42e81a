// Listmonk compiles a campaign's body and altbody as Go templates (html/template) before saving
// (validateCampaignFields → "Error compiling campaign body: …"). The emulator checks the actions
// a campaign may hold and renders them the way a reader would see them: string literals print
// themselves ({{ "{{" }} prints "{{"), subscriber fields and Listmonk's template functions print
// sample values, and anything else fails to compile as Listmonk would.

const FUNCS = new Set([
  "UnsubscribeURL",
  "ManageURL",
  "OptinURL",
  "MessageURL",
  "TrackView",
  "TrackLink",
  "ArchiveURL",
  "RootURL",
  "Date",
  "L",
  "Safe",
]);

export type Rendered = { text: string } | { error: string };

function action(inner: string): string | { error: string } {
  const a = inner.trim().replace(/^-\s*/, "").replace(/\s*-$/, "");
  const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(a) ?? /^`([^`]*)`$/.exec(a);
  if (literal) return literal[1]!.replace(/\\(.)/g, "$1");
  if (/^\.(Subscriber|Campaign)(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(a)) return a.split(".").at(-1)!;
  const fn = /^([A-Za-z_][A-Za-z0-9_]*)\b/.exec(a)?.[1];
  if (fn && FUNCS.has(fn)) return fn === "TrackView" ? "" : `[${fn}]`;
  if (fn) return { error: `template: content:1: function "${fn}" not defined` };
  return { error: `template: content:1: unexpected "${a.slice(0, 20)}" in command` };
}

/** The text with its template actions run, or the compile error. */
export function renderTemplate(source: string): Rendered {
  let out = "";
  let at = 0;
  for (;;) {
    const open = source.indexOf("{{", at);
    if (open < 0) return { text: out + source.slice(at) };
    out += source.slice(at, open);
    // Go's lexer ends an action at the first "}}" outside a string literal.
    let i = open + 2;
    let quote: string | null = null;
    for (; i < source.length - 1; i++) {
      const ch = source[i]!;
      if (quote) {
        if (ch === "\\" && quote === '"') i++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "`") quote = ch;
      else if (ch === "}" && source[i + 1] === "}") break;
    }
    if (i >= source.length - 1) return { error: "template: content:1: unclosed action" };
    const printed = action(source.slice(open + 2, i));
    if (typeof printed !== "string") return printed;
    out += printed;
    at = i + 2;
  }
}
