import { linkify } from "./linkify";
import type { ComposerState, DraftItem } from "./types";

// Which link of an item becomes its card (on platforms that show cards, manifest linkCard): the
// one the user picked while it is still in the text, else the first link; none once the user
// removed it. Pure, so the preview, the request body and the tests agree.

/** The item's links in order, each once, as the text spells them. */
export function linksOf(text: string): string[] {
  return [...new Set(linkify(text).flatMap((p) => (p.kind === "url" ? [p.text] : [])))];
}

export function cardUrlOf(item: DraftItem): string | null {
  if (item.linkCard === null) return null;
  const links = linksOf(item.text);
  if (item.linkCard && links.includes(item.linkCard.url)) return item.linkCard.url;
  return links[0] ?? null;
}

/**
 * The item's card choice as the post body carries it. Sent for every channel, those without cards
 * too (their platforms ignore it), so the same text saved for several channels stays one text.
 */
export function linkCardInput(item: DraftItem): { linkCard?: { url: string } | null } {
  const url = cardUrlOf(item);
  if (url) return { linkCard: { url } };
  return item.linkCard === null ? { linkCard: null } : {};
}

/**
 * The state with item `index` of the channel's text given this card choice: on the channel's own
 * variant when it has one, else on the text for all channels (which that item is).
 */
export function withLinkCard(state: ComposerState, channelId: string, index: number, choice: { url: string } | null): ComposerState {
  const own = state.variants[channelId];
  const items = (own ?? state.global).map((item, i) => (i === index ? { ...item, linkCard: choice } : item));
  return own ? { ...state, variants: { ...state.variants, [channelId]: items } } : { ...state, global: items };
}
