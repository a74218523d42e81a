import "server-only";
import { open, readFile, stat } from "node:fs/promises";
import path from "node:path";
import mime from "mime-types";
import { db } from "@/lib/db/client";
import { imageDimensions } from "@/lib/media/dimensions";
import { mediaDir } from "@/lib/media/paths";
import { BlockedAddressError, outboundFetch, OutboundRefusedError, ResponseTooLargeError } from "@/lib/net/outbound";
import { ProviderError } from "@/providers/core/errors";
import type { MediaItem } from "@/providers/social.integrations.interface";
import type { StoredMedia } from "@/lib/posts/schemas";

// Reads the files a post attaches, just before publishing: uploads from the media folder, or
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

/** Reads [start, end) of a file: one open, one positioned read, closed again, so nothing is held between chunks. */
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
  const root = mediaDir();
  const file = path.resolve(root, row.path);
  if (!file.startsWith(root + path.sep)) throw new ProviderError("bad-body", `The attachment "${row.fileName}" has an invalid location`);
  const size = await stat(file).then(
    (s) => s.size,
    () => -1,
  );
  if (size < 0) throw new ProviderError("bad-body", `The file of "${row.fileName}" is missing from the media folder`);
  if (size > maxBytes) throw new ProviderError("bad-body", `"${row.fileName}" is larger than the ${mb(maxBytes)} limit`);
  const common = {
    path: row.path,
    mimeType: row.mimeType,
    alt: m.alt ?? row.alt ?? undefined,
    width: row.width ?? undefined,
    height: row.height ?? undefined,
  };
  if (streamed) return { ...common, size, read: rangeReader(file) };
  return {
    path: row.path,
    mimeType: row.mimeType,
    bytes: new Uint8Array(await readFile(file)),
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
  return { url: m.url, mimeType, bytes, size: bytes.length, alt: m.alt, ...(dims ? { width: dims.width, height: dims.height } : {}) };
}

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
