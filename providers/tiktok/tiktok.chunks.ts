// TikTok's chunk rules for FILE_UPLOAD (developers.tiktok.com/doc/content-posting-api-media-transfer-guide):
// each chunk 5–64 MB, the last one may be larger (up to 128 MB) to take the trailing bytes;
// total_chunk_count = floor(video_size / chunk_size), 1 to 1000; a video under 5 MB goes whole
// (chunk_size = video_size); one over 64 MB must be chunked; chunks are sent in order. Pure, so
// the arithmetic is tested on its own.

export const MB = 1024 * 1024;
export const MIN_CHUNK = 5 * MB;
export const MAX_CHUNK = 64 * MB;
export const MAX_LAST_CHUNK = 128 * MB;
export const MAX_CHUNKS = 1000;
/** This server's chunk size: small enough to keep the worker's memory low, well inside TikTok's range. */
export const PREFERRED_CHUNK = 10 * MB;

export type ChunkPlan = { videoSize: number; chunkSize: number; totalChunkCount: number };
export type ChunkRange = { index: number; start: number; end: number };

export function planChunks(videoSize: number, preferred = PREFERRED_CHUNK): ChunkPlan {
  if (!Number.isSafeInteger(videoSize) || videoSize <= 0) throw new RangeError("video_size must be a positive whole number of bytes");
  let chunkSize = Math.min(Math.max(preferred, MIN_CHUNK), MAX_CHUNK);
  // Under one chunk's size: sent whole (required under 5 MB, allowed up to 64 MB).
  if (videoSize <= chunkSize) return { videoSize, chunkSize: videoSize, totalChunkCount: 1 };
  // Too many chunks: grow them (a 4 GB file at 10 MB would be 409, inside the 1,000).
  if (Math.floor(videoSize / chunkSize) > MAX_CHUNKS) chunkSize = Math.ceil(videoSize / MAX_CHUNKS);
  if (chunkSize > MAX_CHUNK) throw new RangeError(`a video over ${MAX_CHUNKS * MAX_CHUNK} bytes cannot be uploaded to TikTok in chunks`);
  return { videoSize, chunkSize, totalChunkCount: Math.floor(videoSize / chunkSize) };
}

/** The byte ranges to send, in order: every chunk chunkSize long, the last one taking the rest. */
export function chunkRanges(plan: ChunkPlan): ChunkRange[] {
  const out: ChunkRange[] = [];
  for (let i = 0; i < plan.totalChunkCount; i++) {
    const start = i * plan.chunkSize;
    const end = i === plan.totalChunkCount - 1 ? plan.videoSize - 1 : start + plan.chunkSize - 1;
    out.push({ index: i, start, end });
  }
  return out;
}

export const contentRange = (r: ChunkRange, total: number) => `bytes ${r.start}-${r.end}/${total}`;
