import type { EventTemplate } from "nostr-tools/core";
import extractHashtags from "twitter-text/dist/extractHashtags";
import { ProviderError } from "../core/errors";
import type { PostItem } from "../social.integrations.interface";

// A post item as a kind-1 text note (NIP-10): plain text, media as links (Nostr has no upload in
// its core protocol: the URL goes in the text and an `imeta` tag describes it, NIP-92), and a
// thread item as a reply carrying marked `e` tags (root, and reply when deeper) plus `p` tags for
// the authors it answers. Positional (unmarked) e tags are deprecated by NIP-10, and Postiz's
// reply-only tag breaks threads in clients (fact sheet §6), so both markers are always written.

export const TEXT_NOTE = 1;

/** An event a reply points at: its id and author, and a relay where it can be found ("" when unknown). */
export type NoteRef = { id: string; pubkey: string; relay: string };

/** The `e` and `p` tags of a reply to `parent` in the thread started by `root` (NIP-10 marked tags). */
export function replyTags(root: NoteRef, parent: NoteRef): string[][] {
  const tags: string[][] = [["e", root.id, root.relay, "root", root.pubkey]];
  if (parent.id !== root.id) tags.push(["e", parent.id, parent.relay, "reply", parent.pubkey]);
  for (const pk of [...new Set([root.pubkey, parent.pubkey])]) tags.push(["p", pk]);
  return tags;
}

/** The note's text: what was written, then each media link on its own line (how clients show them inline). */
export function noteContent(item: PostItem): string {
  const urls = mediaUrls(item);
  return urls.length ? `${item.text.trimEnd()}\n\n${urls.join("\n")}` : item.text;
}

function mediaUrls(item: PostItem): string[] {
  return (item.media ?? []).map((m, i) => {
    if (!m.url || !/^https?:\/\//.test(m.url))
      throw new ProviderError(
        "bad-body",
        `Nostr takes media by link, and attachment ${i + 1} has no public address: add it by its https:// URL (a file from the media library only gets an address that expires, and readers load a note's media for as long as it exists)`,
      );
    return m.url;
  });
}

/** One imeta tag per media link: url plus at least one more field, as NIP-92 requires (the type always; size and alt text when known). */
export function imetaTags(item: PostItem): string[][] {
  return (item.media ?? []).map((m) => {
    const tag = ["imeta", `url ${m.url}`, `m ${m.mimeType}`];
    if (m.width && m.height) tag.push(`dim ${m.width}x${m.height}`);
    if (m.alt?.trim()) tag.push(`alt ${m.alt.trim()}`);
    return tag;
  });
}

/**
 * One `t` tag per hashtag in the text, lowercase (the convention the fact sheet §2 describes:
 * clients search and follow topics by these tags, not by the text). The hashtags are found by
 * twitter-text's extractor, which knows where a hashtag may start and end in every script.
 */
export function hashtagTags(text: string): string[][] {
  return [...new Set(extractHashtags(text).map((h) => h.toLowerCase()))].map((h) => ["t", h]);
}

/** The unsigned kind-1 note for an item; a reply when `thread` is given. */
export function noteTemplate(item: PostItem, createdAt: number, thread?: { root: NoteRef; parent: NoteRef }): EventTemplate {
  return {
    kind: TEXT_NOTE,
    created_at: createdAt,
    content: noteContent(item),
    tags: [...(thread ? replyTags(thread.root, thread.parent) : []), ...hashtagTags(item.text), ...imetaTags(item)],
  };
}
