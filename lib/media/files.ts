import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { mediaDir } from "@/lib/media/paths";
import type { ByteRange } from "./range";

// Where a library file lives on disk. Paths in the table are relative to the media folder; the
// resolved path must stay inside it, whatever the row says.

export function storedFilePath(relative: string): string | null {
  const root = path.resolve(mediaDir());
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

export async function removeStoredFile(relative: string): Promise<void> {
  const file = storedFilePath(relative);
  if (!file) return;
  // The row is already gone; a file that cannot be removed is only wasted space, not an error to show.
  await rm(file, { force: true }).catch((e) => console.error("[media] could not remove", relative, (e as Error).message));
}

/** An organization's media item: a way to stream the file (whole or one byte range) and what the response needs. */
export async function openMediaFile(ctx: OrgContext, id: string) {
  const row = await ctx.db.media.findFirst({ where: { id } });
  const file = row && storedFilePath(row.path);
  const size = file
    ? await stat(file).then(
        (s) => s.size,
        () => -1,
      )
    : -1;
  if (!row || !file || size < 0) throw notFound("Media");
  const open = (r?: ByteRange | null) =>
    Readable.toWeb(createReadStream(file, r ? { start: r.start, end: r.end } : {})) as ReadableStream<Uint8Array>;
  return { open, size, mimeType: row.mimeType, fileName: row.fileName };
}
