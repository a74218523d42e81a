// Splits post text into the pieces a platform shows as links (URLs, @mentions, #hashtags), for
// the composer's previews. Matching is deliberately close to what the platforms highlight, not
// a parser of every edge case: the preview approximates the look, the platform decides.

export type TextPiece = { kind: "text" | "url" | "mention" | "tag"; text: string };

const PATTERN =
  /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'])|(^|[^\w@/])(@[A-Za-z0-9_]+(?:[.@][A-Za-z0-9_.-]+)*[A-Za-z0-9_])|(^|[^\w&/])(#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

export function linkify(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let last = 0;
  const push = (kind: TextPiece["kind"], t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (kind === "text" && prev?.kind === "text") prev.text += t;
    else out.push({ kind, text: t });
  };
  for (const m of text.matchAll(PATTERN)) {
    const [all, url, pre1 = "", mention, pre2 = "", tag] = m;
    push("text", text.slice(last, m.index));
    if (url) push("url", url);
    else if (mention) {
      push("text", pre1);
      push("mention", mention);
    } else if (tag) {
      push("text", pre2);
      push("tag", tag);
    }
    last = m.index! + all.length;
  }
  push("text", text.slice(last));
  return out;
}
