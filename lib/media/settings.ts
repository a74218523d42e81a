import { publishSettings } from "@/lib/config/publishing";

// The largest upload the library takes. The worker refuses to read anything over MEDIA_MAX_BYTES,
// so a bigger upload could never be published: the upload cap is at most that. `media.size` is a
// BIGINT (migration 0008), so only JavaScript's exact integers bound it.
const SIZE_MAX = Number.MAX_SAFE_INTEGER;

export function uploadMaxBytes(env: Record<string, string | undefined> = process.env): number {
  const publishCap = publishSettings().mediaMaxBytes;
  const own = Number(env.MEDIA_UPLOAD_MAX_BYTES);
  const cap = Number.isFinite(own) && own > 0 ? Math.min(own, publishCap) : publishCap;
  return Math.min(Math.floor(cap), SIZE_MAX);
}
