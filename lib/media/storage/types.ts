import type { ByteRange } from "../range";

// Where media files live. Every reader and writer (the upload route, the library, the file and
// public-URL routes, the publishing worker) goes through this interface, so several web and worker
// machines can share one object store instead of one disk. Keys are the `media.path` column:
// "<organizationId>/<random hex>.<ext>", chosen by the server, never by a user.

export interface MediaStorage {
  readonly kind: "local" | "s3";
  /** Moves a finished upload (a complete temp file on this machine's disk) to `key`; the temp file is gone afterwards. */
  putFile(key: string, tempFile: string, size: number, contentType: string): Promise<void>;
  /** The object's size in bytes, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** Streams the object, or one byte range of it (inclusive ends, as HTTP ranges). */
  open(key: string, range?: ByteRange | null): Promise<ReadableStream<Uint8Array>>;
  /** The whole object in memory (the worker's upload to a platform); callers check the size first. */
  read(key: string): Promise<Uint8Array>;
  /** Removes the object; a missing one is not an error. */
  remove(key: string): Promise<void>;
  /**
   * An address anyone may GET for `ttlSeconds` (a presigned URL), or null when the store has none
   * (local disk: the app serves the file itself at a signed /m/ URL).
   */
  presignGet(key: string, ttlSeconds: number): Promise<string | null>;
}

/** A media key as the server writes them: path segments of safe characters, no "..", nothing absolute. */
export function assertMediaKey(key: string): void {
  const segments = key.split("/");
  if (!segments.every((s) => /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(s)) || segments.length < 1) {
    throw new Error(`not a media storage key: ${JSON.stringify(key)}`);
  }
}
