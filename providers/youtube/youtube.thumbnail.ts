import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { uploadUrl } from "./youtube.api";

// A custom thumbnail (thumbnails.set, 50 quota units): POST /upload/youtube/v3/thumbnails/set
// ?videoId=… with the image as the body (JPEG or PNG, at most 2 MB). It needs a verified channel;
// the video is already up when it runs, so a refused thumbnail is a warning, not a failed post.

const MAX_BYTES = 2 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png"];

/** Downloads the image (through the guarded client) and sets it; returns a warning when it could not. */
export async function setThumbnail(
  api: SocialAbstract,
  token: string,
  videoId: string,
  imageUrl: string,
  ctx?: PublishContext,
): Promise<string | undefined> {
  try {
    const img = await api.fetch(imageUrl, {}, { action: "download the thumbnail image", maxRetries: 1 });
    const type = (img.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const bytes = new Uint8Array(await img.arrayBuffer());
    if (!TYPES.includes(type)) return `The thumbnail was not set: ${imageUrl} is ${type || "not an image"}, and YouTube takes JPEG or PNG.`;
    if (bytes.length > MAX_BYTES) return "The thumbnail was not set: YouTube takes thumbnail images up to 2 MB.";
    const remaining = await ctx?.quota?.remaining();
    if (remaining && (remaining.units ?? Infinity) < 50)
      return "The thumbnail was not set: YouTube's daily API quota for this server is used up.";
    await ctx?.quota?.spend("units", 50);
    await api.fetch(
      uploadUrl("/thumbnails/set", { videoId }),
      { method: "POST", headers: { "content-type": type }, body: bytes as Uint8Array<ArrayBuffer> },
      // Setting the same thumbnail twice is harmless.
      { action: "set the video's thumbnail", token, ctx, idempotent: true, maxRetries: 1 },
    );
    return undefined;
  } catch (e) {
    // Whatever went wrong, the video itself is published: the post must not fail (and be retried) over its thumbnail.
    if (e instanceof ProviderError) return `The video is up, but its thumbnail was not set: ${e.message}`;
    throw e;
  }
}
