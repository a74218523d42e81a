// The composer's markdown (CommonMark) for Lemmy. Lemmy's web UI renders markdown with markdown-it
// too (html off), plus plugins: `^sup^` superscript, `~sub~` subscript and `::: spoiler` blocks.
// So the text goes as typed, except that a literal `^` and a single `~` outside code would start
// those Lemmy-only forms: they get a backslash (which CommonMark allows before any punctuation),
// and a line opening with `:::` is escaped so it does not start a spoiler container.

/** Escapes Lemmy-only syntax in a stretch of text outside code. */
function escapeProse(text: string): string {
  return text
    .replace(/(?<!\\)\^/g, "\\^")
    .replace(/(?<![\\~])~(?!~)/g, "\\~")
    .replace(/^(\s{0,3}):::/gm, "$1\\:::");
}

/** Leaves inline code spans alone. */
function escapeLine(line: string): string {
  return line
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeProse(part)))
    .join("");
}

export function toLemmyMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let fence: string | undefined;
  return lines
    .map((line) => {
      const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (open && open[0] === fence[0] && open.length >= fence.length) fence = undefined;
        return line;
      }
      if (open) {
        fence = open;
        return line;
      }
      // An indented code block (four spaces or a tab) is code too.
      return /^( {4}|\t)/.test(line) ? line : escapeLine(line);
    })
    .join("\n")
    .trim();
}
