import "server-only";
import mime from "mime-types";
import { db } from "@/lib/db/client";
import { imageDimensions } from "@/lib/media/dimensions";
import { mediaStorage } from "@/lib/media/storage";
import { BlockedAddressError, outboundFetch, OutboundRefusedError, ResponseTooLargeError } from "@/lib/net/outbound";
import { ProviderError } from "@/providers/core/errors";
import type { MediaItem } from "@/providers/social.integrations.interface";
import type { StoredMedia } from "@/lib/posts/schemas";

// Reads the files a post attaches, just before publishing: uploads from the media store, or
// http(s) addresses fetched through the guarded outbound client (every hop's address is checked
// where the socket connects) with a size cap, so a post cannot make the server read its own
// network or fill its memory. Problems are the user's to fix, so they fail the target as bad-body.

const MAX_REDIRECTS = 3;

export async function loadMedia(organizationId: string, media: StoredMedia[], maxBytes: number): Promise<MediaItem[]> {
  const out: MediaItem[] = [];
  for (const [i, m] of media.entries())
    out.push(m.mediaId ? await fromLibrary(organizationId, m, maxBytes) : await fromUrl(m, i, maxBytes));
  return out;
}

async function fromLibrary(organizationId: string, m: StoredMedia, maxBytes: number): Promise<MediaItem> {
  const row = await db.media.findFirst({ where: { id: m.mediaId, organizationId } });
  if (!row) throw new ProviderError("bad-body", `The attachment "${m.fileName ?? m.mediaId}" was deleted from the media library`);
  const storage = mediaStorage();
  const size = await storage.size(row.path).catch((e: Error) => {
    // An object store that does not answer is worth another try; a bad key is not.
    if (e.name === "S3Error" || /ECONN|ETIMEDOUT|no answer/.test(e.message))
      throw new ProviderError("retry", `Could not read "${row.fileName}" from the media store: ${e.message}`);
    throw new ProviderError("bad-body", `The attachment "${row.fileName}" has an invalid location`);
  });
  if (size === null) throw new ProviderError("bad-body", `The file of "${row.fileName}" is missing from the media store`);
  if (size > maxBytes) throw new ProviderError("bad-body", `"${row.fileName}" is larger than the ${mb(maxBytes)} limit`);
  return {
    mediaId: row.id,
    path: row.path,
    mimeType: row.mimeType,
    bytes: await storage.read(row.path),
    alt: m.alt ?? row.alt ?? undefined,
    width: row.width ?? undefined,
    height: row.height ?? undefined,
  };
}

async function fromUrl(m: StoredMedia, index: number, maxBytes: number): Promise<MediaItem> {
  const url = m.url!;
  const label = `attachment ${index + 1} (${url})`;
  let res: Response;
  try {
    res = await outboundFetch(url, {
      redirect: "follow",
      maxRedirects: MAX_REDIRECTS,
      maxBodyBytes: maxBytes,
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    if (e instanceof ResponseTooLargeError) throw new ProviderError("bad-body", `${label} is over the ${mb(maxBytes)} limit`);
    if (e instanceof BlockedAddressError || e instanceof OutboundRefusedError)
      throw new ProviderError("bad-body", `Cannot fetch ${label}: ${e.message}`);
    throw new ProviderError("retry", `Could not download ${label}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new ProviderError(res.status >= 500 ? "retry" : "bad-body", `Could not download ${label}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = (res.headers.get("content-type") || "").split(";")[0]!.trim();
  const mimeType = type && type !== "application/octet-stream" ? type : m.mimeType || mime.lookup(url) || "application/octet-stream";
  // Measured here, as a library file is on upload, so a platform with pixel rules can check a link too.
  const dims = imageDimensions(mimeType, bytes);
  return { url: m.url, mimeType, bytes, alt: m.alt, ...(dims ? { width: dims.width, height: dims.height } : {}) };
}

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
