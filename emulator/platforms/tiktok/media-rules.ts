import type { MediaFetch } from "@/emulator/kit/fetch-media";

// What TikTok checks before it takes media (content-posting-api-media-transfer-guide, photo-post
// reference): the FILE_UPLOAD chunk arithmetic, exactly, and for PULL_FROM_URL the URL properties
// verified for the app and the photos it downloads.

const MB = 1024 * 1024;

/** TikTok's chunk rules, exactly: an error message, or undefined when the plan is valid. */
export function chunkProblem(size: unknown, chunk: unknown, count: unknown): string | undefined {
  if (![size, chunk, count].every((n) => typeof n === "number" && Number.isSafeInteger(n) && n > 0))
    return "video_size, chunk_size and total_chunk_count are required positive integers for FILE_UPLOAD";
  const [v, c, k] = [size as number, chunk as number, count as number];
  if (v < 5 * MB) {
    if (c !== v || k !== 1) return "A video under 5 MB must be uploaded whole: chunk_size equal to video_size and total_chunk_count 1";
    return undefined;
  }
  if (c > v) return "chunk_size cannot exceed video_size";
  if (c < 5 * MB || c > 64 * MB) return "chunk_size must be between 5 MB and 64 MB";
  if (k !== Math.floor(v / c)) return `total_chunk_count must be floor(video_size / chunk_size) = ${Math.floor(v / c)}`;
  if (k < 1 || k > 1000) return "total_chunk_count must be between 1 and 1000";
  const last = v - (k - 1) * c;
  if (last > 128 * MB) return "the final chunk would be over 128 MB";
  return undefined;
}

/**
 * The URL properties verified for the app in the developer portal: EMULATOR_TIKTOK_VERIFIED_PREFIX,
 * else the operator's TIKTOK_VERIFIED_MEDIA_PREFIX (a sandbox verifies what the operator says).
 */
export const verifiedProperty = () =>
  (process.env.EMULATOR_TIKTOK_VERIFIED_PREFIX ?? process.env.TIKTOK_VERIFIED_MEDIA_PREFIX ?? "").trim();

/** A URL prefix (with its scheme) matches from the start; a domain property covers its subdomains. */
export function verifiedUrl(url: string, property: string): boolean {
  if (!property) return false;
  if (/^https?:\/\//i.test(property)) return url.startsWith(property);
  try {
    const host = new URL(url).hostname.toLowerCase();
    const d = property.toLowerCase().replace(/\/+$/, "");
    return host === d || host.endsWith(`.${d}`);
  } catch {
    return false;
  }
}

export const PHOTO_TYPES = ["image/jpeg", "image/webp"];

/** photo-post reference: TikTok fails a photo it cannot download, read, or that is past 1080p-class sizes. */
export function photoFailure(f: MediaFetch): string | undefined {
  if (f.status !== 200 || !f.size) return "photo_pull_failed";
  if (!f.ok || !PHOTO_TYPES.includes(f.sniffedType ?? "")) return "file_format_check_failed";
  if ((f.width ?? 0) > 1920 || (f.height ?? 0) > 1920) return "picture_size_check_failed";
  return undefined;
}
