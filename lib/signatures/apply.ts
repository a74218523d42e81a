import { htmlToText, textToHtml } from "@/lib/markup/sanitize-html";
import type { EditorKind } from "@/providers/social.integrations.interface";

// Where a signature applies and how it joins a post's text. Pure, so the composer (preview and
// counters) and the server (when a post is saved) add exactly the same text.

export type SignatureScope = { channelIds: string[]; providers: string[] };
export type AutoSignature = SignatureScope & { id: string; body: string };
type ChannelRef = { id: string; provider: string };

/** No channels and no platforms means every channel. */
export function appliesTo(scope: SignatureScope, channel: ChannelRef): boolean {
  if (!scope.channelIds.length && !scope.providers.length) return true;
  return scope.channelIds.includes(channel.id) || scope.providers.includes(channel.provider);
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** The text as read (HTML editors store markup; what counts is what a reader sees). */
const readable = (editor: EditorKind, text: string) => (editor === "html" ? htmlToText(text) : text);

/** True when the text already carries this signature, wherever it is: typed, inserted or added before. */
export function hasSignature(editor: EditorKind, text: string, body: string): boolean {
  const sig = squash(body);
  return sig.length > 0 && squash(readable(editor, text)).includes(sig);
}

/** The signature after the text, a blank line between (a paragraph of its own in HTML). */
export function appendSignature(editor: EditorKind, text: string, body: string): string {
  if (editor === "html") return text + textToHtml(body);
  const head = text.trimEnd();
  return head ? `${head}\n\n${body}` : body;
}

/** Inserts the signature into plain text at a caret position (the end when there is none). */
export function insertAt(text: string, body: string, at?: number): { text: string; caret: number } {
  const pos = at === undefined || at < 0 || at > text.length ? text.length : at;
  const before = text.slice(0, pos);
  const after = text.slice(pos);
  // A signature starts on a line of its own unless the caret is already at a line start.
  const lead = before === "" || before.endsWith("\n") ? "" : before.endsWith(" ") ? "\n" : "\n\n";
  const inserted = lead + body;
  return { text: before + inserted + after, caret: pos + inserted.length };
}

type Item = { text: string; media: unknown[] };

/**
 * The items with every automatic signature that applies to the channel appended to the first
 * item (the post itself; replies and comments stay as written). An item with nothing in it gets
 * none, so an empty post is still reported as empty; a signature already present is not repeated,
 * which is what keeps an edited post from collecting a second copy.
 */
export function withAutoSignatures<T extends Item>(items: T[], signatures: AutoSignature[], channel: ChannelRef, editor: EditorKind): T[] {
  const first = items[0];
  if (!first || (!first.text.trim() && !first.media.length)) return items;
  let text = first.text;
  for (const s of signatures)
    if (appliesTo(s, channel) && !hasSignature(editor, text, s.body)) text = appendSignature(editor, text, s.body);
  return text === first.text ? items : [{ ...first, text }, ...items.slice(1)];
}

/**
 * The reverse, for opening a saved post in the composer: the automatic signatures it was given are
 * taken off the end again, so channels that differ only by a signature share one text in the
 * editor; the composer shows them again in the previews and the save adds them back.
 */
export function withoutAutoSignatures<T extends Item>(
  items: T[],
  signatures: AutoSignature[],
  channel: ChannelRef,
  editor: EditorKind,
): T[] {
  const first = items[0];
  if (!first) return items;
  let text = first.text;
  for (const s of [...signatures].reverse()) {
    if (!appliesTo(s, channel)) continue;
    const tail = editor === "html" ? textToHtml(s.body) : `\n\n${s.body}`;
    if (text.endsWith(tail) && text.length > tail.length) text = text.slice(0, -tail.length);
  }
  return text === first.text ? items : [{ ...first, text }, ...items.slice(1)];
}
