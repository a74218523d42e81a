import { ProviderError } from "../core/errors";
import type { LinkCard } from "../social.integrations.interface";
import type { Blob } from "./bluesky.media";
import type { Xrpc } from "./bluesky.xrpc";

// A link card is an app.bsky.embed.external: the page's address, title and description, and
// its picture as a blob uploaded first (bluesky.md: the client reads the page itself; Bluesky
// shows no card for a bare URL). A record has one embed, so images or a video take its place.

/** app.bsky.embed.external#external thumb: accept image/*, maxSize 1,000,000 bytes. */
export const THUMB_MAX_BYTES = 1_000_000;

export type ExternalEmbed = {
  $type: "app.bsky.embed.external";
  external: { uri: string; title: string; description: string; thumb?: Blob };
};

/** The embed, and why its picture was left out when it was. */
export async function buildExternal(xrpc: Xrpc, card: LinkCard): Promise<{ embed: ExternalEmbed; warning?: string }> {
  const external: ExternalEmbed["external"] = { uri: card.url, title: card.title, description: card.description };
  let warning: string | undefined;
  const image = card.image;
  if (image && !image.mimeType.startsWith("image/"))
    warning = `The link card's picture is ${image.mimeType}, not an image; Bluesky shows the card without it`;
  else if (image && image.bytes.length > THUMB_MAX_BYTES)
    warning = `The link card's picture is ${(image.bytes.length / 1_000_000).toFixed(2)} MB; Bluesky takes at most 1 MB, so the card has none`;
  else if (image) {
    const answer = await xrpc.procedure<{ blob?: Blob }>("com.atproto.repo.uploadBlob", image.bytes, {
      action: "upload the link card's picture",
      headers: { "content-type": image.mimeType },
      idempotent: true,
    });
    if (!answer.blob?.ref?.$link) throw new ProviderError("retry", "Bluesky did not return the uploaded picture's reference");
    external.thumb = answer.blob;
  }
  return { embed: { $type: "app.bsky.embed.external", external }, ...(warning ? { warning } : {}) };
}
