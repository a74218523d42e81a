import "server-only";
import { getLinkPreview } from "@/lib/link-preview/cache";
import { FETCH_TIMEOUT_MS, LinkPreviewError } from "@/lib/link-preview/fetch";
import { outboundFetch } from "@/lib/net/outbound";
import type { LinkCard } from "@/providers/social.integrations.interface";

// The card of an item's chosen link, as the worker hands it to a platform that takes one: the
// page's tags from the link-preview cache (read again if a day old), and its image downloaded
// through the guarded agent. A page that cannot be read does not stop the post: it goes out with
// its link in the text and no card, and the target says why.

/** Larger than any platform's card image (Bluesky's thumb: 1,000,000 bytes); the provider applies its own. */
export const CARD_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"];

export type LoadedCard = { card?: LinkCard; warning?: string };

export async function loadLinkCard(url: string): Promise<LoadedCard> {
  let preview;
  try {
    preview = await getLinkPreview(url);
  } catch (e) {
    if (e instanceof LinkPreviewError) return { warning: `Posted without a link card: ${e.message}` };
    throw e;
  }
  // The card links to the address the post names; the page's own (after redirects) is only where it was read.
  const card: LinkCard = { url, title: preview.title ?? preview.siteName ?? new URL(url).host, description: preview.description ?? "" };
  if (!preview.image) return { card };
  try {
    const res = await outboundFetch(preview.image, {
      headers: { accept: IMAGE_TYPES.join(", ") },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS * 2),
      maxBodyBytes: CARD_IMAGE_MAX_BYTES,
    });
    const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!res.ok) return { card, warning: `The link card has no picture: ${new URL(preview.image).host} answered HTTP ${res.status}` };
    if (!IMAGE_TYPES.includes(type))
      return { card, warning: `The link card has no picture: it is ${type || "of no stated type"}, not an image` };
    return { card: { ...card, image: { bytes: new Uint8Array(await res.arrayBuffer()), mimeType: type } } };
  } catch (e) {
    return { card, warning: `The link card has no picture: ${(e as Error).message}` };
  }
}
