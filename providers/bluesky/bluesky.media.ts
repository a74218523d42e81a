import { ProviderError } from "../core/errors";
import type { MediaItem, MediaRules } from "../social.integrations.interface";
import { blueskyManifest } from "./bluesky.manifest";
import type { Xrpc } from "./bluesky.xrpc";

// Images (up to 4) or one video go into a post as an embed of blobs uploaded just before the
// record is created; an unreferenced blob is garbage-collected within minutes.

export const BLUESKY_MEDIA: MediaRules = blueskyManifest.media;

export type Blob = { $type: "blob"; ref: { $link: string }; mimeType: string; size: number };
type AspectRatio = { width: number; height: number };
export type Embed =
  | { $type: "app.bsky.embed.images"; images: { image: Blob; alt: string; aspectRatio?: AspectRatio }[] }
  | { $type: "app.bsky.embed.video"; video: Blob; alt?: string; aspectRatio?: AspectRatio };

const mb = (n: number) => `${(n / 1_000_000).toFixed(n < 10_000_000 ? 2 : 0)} MB`;

function aspectRatio(m: MediaItem): AspectRatio | undefined {
  const ok = (n?: number) => typeof n === "number" && Number.isInteger(n) && n > 0;
  return ok(m.width) && ok(m.height) ? { width: m.width!, height: m.height! } : undefined;
}

/** Refuses what Bluesky would refuse, before anything is uploaded. */
export function checkMedia(media: MediaItem[]): "images" | "video" | undefined {
  if (media.length === 0) return undefined;
  const videos = media.filter((m) => m.mimeType.startsWith("video/"));
  if (videos.length && videos.length !== media.length)
    throw new ProviderError("bad-body", "Bluesky cannot mix a video with images in one post");
  const kind = videos.length ? "video" : "images";
  const rules = kind === "video" ? BLUESKY_MEDIA.video! : BLUESKY_MEDIA.image!;
  if (media.length > rules.maxCount)
    throw new ProviderError(
      "bad-body",
      kind === "video" ? "Bluesky allows one video per post" : "Bluesky allows at most 4 images per post",
    );
  for (const [i, m] of media.entries()) {
    const what = `${kind === "video" ? "The video" : `Image ${i + 1}`}`;
    if (!m.bytes) throw new ProviderError("bad-body", `${what} has no file content to upload`);
    if (!rules.mimeTypes.includes(m.mimeType))
      throw new ProviderError("bad-body", `${what} is ${m.mimeType}; Bluesky accepts ${rules.mimeTypes.join(", ")}`);
    if (m.bytes.length > rules.maxBytes)
      throw new ProviderError("bad-body", `${what} is ${mb(m.bytes.length)}; Bluesky accepts at most ${mb(rules.maxBytes)}`);
  }
  return kind;
}

async function uploadBlob(xrpc: Xrpc, m: MediaItem): Promise<Blob> {
  const answer = await xrpc.procedure<{ blob?: Blob }>("com.atproto.repo.uploadBlob", m.bytes!, {
    action: "upload media",
    headers: { "content-type": m.mimeType },
    // Re-uploading identical bytes yields the same blob, so a lost answer may be retried.
    idempotent: true,
  });
  if (!answer.blob?.ref?.$link) throw new ProviderError("retry", "Bluesky did not return the uploaded file's reference");
  return answer.blob;
}

export async function buildEmbed(xrpc: Xrpc, media: MediaItem[]): Promise<Embed | undefined> {
  const kind = checkMedia(media);
  if (!kind) return undefined;
  if (kind === "video") {
    const m = media[0]!;
    const video = await uploadBlob(xrpc, m);
    const ratio = aspectRatio(m);
    return { $type: "app.bsky.embed.video", video, ...(m.alt ? { alt: m.alt } : {}), ...(ratio ? { aspectRatio: ratio } : {}) };
  }
  const images: { image: Blob; alt: string; aspectRatio?: AspectRatio }[] = [];
  for (const m of media) {
    const ratio = aspectRatio(m);
    images.push({ image: await uploadBlob(xrpc, m), alt: m.alt ?? "", ...(ratio ? { aspectRatio: ratio } : {}) });
  }
  return { $type: "app.bsky.embed.images", images };
}
