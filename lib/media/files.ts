import { notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import type { ByteRange } from "./range";
import { mediaStorage } from "./storage";
import { localFilePath } from "./storage/local";

// Library files in the media store (local disk or an object store, lib/media/storage). Keys in
// the table are relative ("<org>/<hex>.<ext>"); the local store keeps them inside its folder.

/** Where a key lives on local disk, or null when it would leave the media folder. */
export const storedFilePath = localFilePath;

export async function removeStoredFile(key: string): Promise<void> {
  // The row is already gone; a file that cannot be removed is only wasted space, not an error to show.
  await mediaStorage()
    .remove(key)
    .catch((e) => console.error("[media] could not remove", key, (e as Error).message));
}

/** A media row's file: a way to stream it (whole or one byte range) and what the response needs. */
export async function openStoredMedia(row: { path: string; mimeType: string; fileName: string }) {
  const storage = mediaStorage();
  const size = await storage.size(row.path).catch(() => null);
  if (size === null) throw notFound("Media");
  // Removed between the size and the read (a delete, another machine): still "not found".
  const open = (r?: ByteRange | null) =>
    storage.open(row.path, r).catch((e: Error & { status?: number }) => {
      throw e.status === 404 ? notFound("Media") : e;
    });
  return { open, size, mimeType: row.mimeType, fileName: row.fileName };
}

/** An organization's media item (another organization's is "not found"). */
export async function openMediaFile(ctx: OrgContext, id: string) {
  const row = await ctx.db.media.findFirst({ where: { id } });
  if (!row) throw notFound("Media");
  return openStoredMedia(row);
}
