import { localStorage } from "./local";
import { s3Storage } from "./s3";
import { s3ConfigFromEnv } from "./s3-config";
import type { MediaStorage } from "./types";

export type { MediaStorage } from "./types";

// The store this process uses: S3 when MEDIA_S3_BUCKET is set, local disk otherwise. Read from
// the environment on each call (cheap, and tests switch it), the client kept while it is the same.
let cached: { signature: string; storage: MediaStorage } | null = null;

export function mediaStorage(env: Record<string, string | undefined> = process.env): MediaStorage {
  const config = s3ConfigFromEnv(env);
  if (!config) return localStorage;
  const signature = JSON.stringify(config);
  if (cached?.signature !== signature) cached = { signature, storage: s3Storage(config) };
  return cached.storage;
}

/**
 * The object store's endpoint (origin), or null when media is on local disk. A half-set
 * MEDIA_S3_* counts as none here (pages still render); start-up and every media call report it
 * (s3ConfigFromEnv's message).
 */
export function objectStoreEndpoint(env: Record<string, string | undefined> = process.env): string | null {
  try {
    return s3ConfigFromEnv(env)?.endpoint ?? null;
  } catch {
    return null;
  }
}
