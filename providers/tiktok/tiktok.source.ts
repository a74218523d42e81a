import { ProviderError } from "../core/errors";
import type { MediaItem } from "../social.integrations.interface";

// A video to upload, read by byte range: a media-library file comes with the publishing engine's
// ranged reader from the media store (manifest media.streamed), so a multi-GB video is never held
// in memory whole and is read the same way from local disk or S3; a linked file from the bytes the
// publisher downloaded. Also finds the video's playing time in its MP4/MOV `mvhd` box, by walking
// the box headers with small reads, so the creator's maximum duration can be enforced.

export type VideoSource = {
  size: number;
  mimeType: string;
  read(start: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
};

export async function openVideo(m: MediaItem): Promise<VideoSource> {
  const { read, size } = m;
  if (read && size !== undefined)
    return {
      size,
      mimeType: m.mimeType,
      async read(start, length) {
        const buf = await read(start, start + length);
        if (buf.length !== length) throw new ProviderError("bad-body", "The video file changed while it was being uploaded to TikTok");
        return buf;
      },
      close: async () => {},
    };
  const bytes = m.bytes;
  if (!bytes) throw new ProviderError("bad-body", "The video has no file content to upload to TikTok");
  return {
    size: bytes.length,
    mimeType: m.mimeType,
    read: async (start, length) => bytes.subarray(start, start + length),
    close: async () => {},
  };
}

/** Seconds of playing time from an ISO media file's moov/mvhd, or undefined when it cannot be found. */
export async function videoDurationSeconds(src: VideoSource): Promise<number | undefined> {
  const header = async (at: number, end: number) => {
    if (at + 8 > end) return undefined;
    const h = Buffer.from(await src.read(at, 8));
    let size = h.readUInt32BE(0);
    const type = h.toString("latin1", 4, 8);
    let head = 8;
    if (size === 1) {
      if (at + 16 > end) return undefined;
      size = Number(Buffer.from(await src.read(at + 8, 8)).readBigUInt64BE(0));
      head = 16;
    } else if (size === 0) size = end - at;
    if (size < head || at + size > end) return undefined;
    return { type, size, head };
  };
  const find = async (from: number, end: number, type: string) => {
    // Bounded: a hostile file with thousands of tiny boxes is not walked forever.
    for (let at = from, n = 0; at < end && n < 10_000; n++) {
      const box = await header(at, end);
      if (!box) return undefined;
      if (box.type === type) return { start: at + box.head, end: at + box.size };
      at += box.size;
    }
    return undefined;
  };
  const moov = await find(0, src.size, "moov");
  const mvhd = moov && (await find(moov.start, moov.end, "mvhd"));
  if (!mvhd || mvhd.end - mvhd.start < 20) return undefined;
  const b = Buffer.from(await src.read(mvhd.start, Math.min(32, mvhd.end - mvhd.start)));
  const v1 = b[0] === 1;
  if (v1 && b.length < 32) return undefined;
  const timescale = v1 ? b.readUInt32BE(20) : b.readUInt32BE(12);
  const duration = v1 ? Number(b.readBigUInt64BE(24)) : b.readUInt32BE(16);
  return timescale ? duration / timescale : undefined;
}
