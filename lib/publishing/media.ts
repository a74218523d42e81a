import "server-only";
import { open } from "node:fs/promises";
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

/**
 * `streamed`: the provider reads library files in ranges (manifest media.streamed), so they are
 * handed over as `read(start, end)` and never loaded whole; links are still downloaded (capped).
 */
export async function loadMedia(
  organizationId: string,
  media: StoredMedia[],
  maxBytes: number,
  opts: { streamed?: boolean; libraryMaxBytes?: number } = {},
): Promise<MediaItem[]> {
  const out: MediaItem[] = [];
  // A linked file is still downloaded whole, so it stays under maxBytes even for a streamed platform.
  const libraryMax = opts.streamed ? (opts.libraryMaxBytes ?? maxBytes) : maxBytes;
  for (const [i, m] of media.entries())
    out.push(m.mediaId ? await fromLibrary(organizationId, m, libraryMax, !!opts.streamed) : await fromUrl(m, i, maxBytes));
  return out;
}

/**
 * Reads [start, end) of a stored object through the media store (local disk or S3), one ranged
 * read per chunk, so nothing is held between chunks and every web and worker machine can read it.
 */
export function storageRangeReader(key: string): (start: number, end: number) => Promise<Uint8Array> {
  return async (start, end) => {
    const length = Math.max(0, end - start);
    const buf = Buffer.allocUnsafe(length);
    if (length === 0) return buf;
    let got = 0;
    const reader = (await mediaStorage().open(key, { start, end: end - 1 })).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const take = Math.min(value.length, length - got);
        buf.set(value.subarray(0, take), got);
        got += take;
        if (got === length) break;
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
    return got === length ? buf : buf.subarray(0, got);
  };
}

/** Reads [start, end) of a local file (the upload benchmark's generated file): one open, one positioned read. */
export function rangeReader(file: string): (start: number, end: number) => Promise<Uint8Array> {
  return async (start, end) => {
    const fh = await open(file, "r");
    try {
      const buf = Buffer.allocUnsafe(Math.max(0, end - start));
      let got = 0;
      while (got < buf.length) {
        const { bytesRead } = await fh.read(buf, got, buf.length - got, start + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === buf.length ? buf : buf.subarray(0, got);
    } finally {
      await fh.close();
    }
  };
}

async function fromLibrary(organizationId: string, m: StoredMedia, maxBytes: number, streamed: boolean): Promise<MediaItem> {
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
  const common = {
    mediaId: row.id,
    path: row.path,
    mimeType: row.mimeType,
    alt: m.alt ?? row.alt ?? undefined,
    width: row.width ?? undefined,
    height: row.height ?? undefined,
  };
  if (streamed) return { ...common, size, read: storageRangeReader(row.path) };
  return { ...common, bytes: await storage.read(row.path) };
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
  return { url: m.url, mimeType, bytes, size: bytes.length, alt: m.alt, ...(dims ? { width: dims.width, height: dims.height } : {}) };
}

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
