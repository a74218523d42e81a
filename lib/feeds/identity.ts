import { createHash } from "node:crypto";

// What makes a feed item "the same item" from one poll to the next. RSS's guid and Atom's id are
// meant for exactly this; a feed without them is identified by its link, and one without a link
// by its title and link together. The key is what the UNIQUE (feed_id, item_key) constraint
// holds, so it must not change when a feed merely edits an item's text.

export type ItemIdentity = { guid?: string | null; link?: string | null; title?: string | null };

/** Keys longer than this are stored as their SHA-256, so any guid fits the index. */
const MAX_KEY = 500;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function itemKey(item: ItemIdentity): string {
  const guid = item.guid?.trim();
  const link = item.link?.trim();
  const [kind, value] = guid ? ["guid", guid] : link ? ["link", link] : ["hash", sha256(`${item.title?.trim() ?? ""}\n${link ?? ""}`)];
  const key = `${kind}:${value}`;
  return key.length > MAX_KEY ? `${kind}-sha256:${sha256(value)}` : key;
}
