import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, rm } from "node:fs/promises";
import path from "node:path";
import { AppError, ValidationError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { mediaDir } from "@/lib/media/paths";
import { DIMENSION_BYTES, imageDimensions } from "./dimensions";
import { toMediaDto } from "./dto";
import { uploadMaxBytes } from "./settings";
import { existingUpload, isDuplicateHash } from "./dedupe";
import { removeStaleParts } from "./stale-parts";
import { mediaStorage } from "./storage";
import { ALLOWED_MEDIA_LABEL, EXTENSION_OF, isAllowedMediaType, SNIFF_BYTES, sniffType } from "./sniff";
import type { MediaDto } from "./types";

// Takes one upload from the request body to the media store and the organization's library.
// The body is written to disk as it arrives (an upload can be hundreds of MB; memory holds only
// the first bytes, for type sniffing and image dimensions). The size cap and the type check
// apply while streaming, so an oversized or refused file is cut off early, and every failure
// removes the partial file: nothing is left behind but complete, accepted uploads. The body goes
// to a temp file on this machine's disk first, then to the store (lib/media/storage).
// The bytes' sha256 is computed on the way: a file the organization already has (same hash) is not
// stored twice, its existing item is the answer (lib/media/dedupe.ts).

/** declaredType is what the browser said; kept for the record but never trusted (the bytes decide). */
export type UploadMeta = { fileName: string; declaredType?: string | null; declaredSize?: number | null };
type Body = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

export function cleanFileName(raw: string | null | undefined): string {
  // Only the last path segment: some browsers and tools send "C:\\fakepath\\photo.jpg".
  const name = (raw ?? "")
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim();
  if (!name) throw new ValidationError({ fileName: "give the file's name (x-file-name header)" });
  if (name.length > 255) throw new ValidationError({ fileName: "a file name is at most 255 characters" });
  return name;
}

const tooLarge = (fileName: string, max: number) => new AppError(`${fileName} is larger than the ${mb(max)} upload limit`, 413, "file");
const refusedType = (fileName: string, type: string | null) =>
  new AppError(`${fileName}: ${type ?? "its format"} is not a type any platform here accepts; use ${ALLOWED_MEDIA_LABEL}`, 415, "file");

/** Yields the body's chunks; a broken connection becomes an expected "interrupted" error, not a crash report. */
async function* chunksOf(body: Body, fileName: string): AsyncGenerator<Uint8Array> {
  const interrupted = () => new AppError(`${fileName}: the upload was interrupted; please try again`, 400, "file");
  const iterator = Symbol.asyncIterator in body ? (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]() : null;
  const reader = iterator ? null : (body as ReadableStream<Uint8Array>).getReader();
  let done = false;
  try {
    for (;;) {
      let r: IteratorResult<Uint8Array> | ReadableStreamReadResult<Uint8Array>;
      try {
        r = iterator ? await iterator.next() : await reader!.read();
      } catch {
        done = true; // the stream is already broken: nothing to cancel
        throw interrupted();
      }
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    // Stopped early (too large, refused type): tell the sender we will not read the rest.
    if (!done) await (reader ? reader.cancel() : iterator!.return?.())?.catch(() => {});
  }
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

export async function saveUpload(
  ctx: OrgContext,
  body: Body | null,
  meta: UploadMeta,
  opts: { maxBytes?: number } = {},
): Promise<MediaDto> {
  const fileName = cleanFileName(meta.fileName);
  const max = opts.maxBytes ?? uploadMaxBytes();
  if (meta.declaredSize != null && meta.declaredSize > max) throw tooLarge(fileName, max);
  if (!body) throw new ValidationError({ file: `${fileName} is empty` });

  const dir = path.join(mediaDir(), ctx.organizationId);
  await mkdir(dir, { recursive: true });
  void removeStaleParts(dir).catch(() => {});
  const temp = path.join(dir, `.upload-${randomBytes(12).toString("hex")}.part`);
  const file = await open(temp, "wx");
  let size = 0;
  const headParts: Uint8Array[] = [];
  let headLength = 0;
  let type: string | null | undefined;
  let closed = false;
  const hash = createHash("sha256");
  try {
    for await (const chunk of chunksOf(body, fileName)) {
      hash.update(chunk);
      size += chunk.length;
      if (size > max) throw tooLarge(fileName, max);
      if (headLength < DIMENSION_BYTES) {
        headParts.push(chunk.subarray(0, DIMENSION_BYTES - headLength));
        headLength += Math.min(chunk.length, DIMENSION_BYTES - headLength);
      }
      if (type === undefined && headLength >= SNIFF_BYTES) {
        type = sniffType(concat(headParts));
        if (!isAllowedMediaType(type)) throw refusedType(fileName, type);
      }
      for (let off = 0; off < chunk.length;) off += (await file.write(chunk, off)).bytesWritten;
    }
    await file.close();
    closed = true;
    if (size === 0) throw new ValidationError({ file: `${fileName} is empty` });
    if (meta.declaredSize != null && size !== meta.declaredSize) {
      throw new AppError(
        `${fileName}: received ${size} of ${meta.declaredSize} bytes; the upload was interrupted, please try again`,
        400,
        "file",
      );
    }
    const head = concat(headParts);
    if (type === undefined) type = sniffType(head);
    if (!type || !isAllowedMediaType(type)) throw refusedType(fileName, type ?? null);
    const dims = imageDimensions(type, head);
    const contentHash = hash.digest("hex");
    const known = await existingUpload(ctx, contentHash);
    if (known) {
      await rm(temp, { force: true });
      return toMediaDto(known);
    }

    const stored = `${randomBytes(16).toString("hex")}.${EXTENSION_OF[type]}`;
    const key = `${ctx.organizationId}/${stored}`;
    // The temp file is complete and accepted: the store takes it (a rename on local disk, a PUT
    // to the object store).
    const storage = mediaStorage();
    await storage.putFile(key, temp, size, type);
    try {
      const row = await ctx.db.media.create({
        data: {
          organizationId: ctx.organizationId,
          uploadedById: ctx.userId,
          fileName,
          mimeType: type,
          size,
          path: key,
          width: dims?.width ?? null,
          height: dims?.height ?? null,
          contentHash,
        },
      });
      return toMediaDto(row);
    } catch (e) {
      await storage.remove(key).catch(() => {});
      // A concurrent upload of the same bytes stored its row first: that row is the answer.
      const winner = isDuplicateHash(e) ? await existingUpload(ctx, contentHash) : null;
      if (winner) return toMediaDto(winner);
      throw e;
    }
  } catch (e) {
    if (!closed) await file.close().catch(() => {});
    await rm(temp, { force: true });
    throw e;
  }
}
