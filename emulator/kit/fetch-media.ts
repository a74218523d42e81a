import { createHash } from "node:crypto";

// A platform that takes attachments by URL downloads them itself (to re-host or render them). An
// emulated platform does the same, so a publish only looks right when the address really serves
// the file: what came back is recorded on the post (extra.mediaFetches) for tests to check, and a
// platform's handler decides what a failed fetch means for the request.

export type MediaFetch = {
  url: string;
  status: number;
  contentType: string;
  size: number;
  sha256: string;
  /** The type the bytes are (by their signature), or null when unknown. */
  sniffedType: string | null;
  /** Pixel size read from a PNG or JPEG header, for platforms with photo size rules; absent otherwise. */
  width?: number;
  height?: number;
  /** 200, a declared type, and bytes that are that type. */
  ok: boolean;
  error?: string;
};

const MAX_BYTES = 50 * 1024 * 1024;

function sniff(b: Buffer): string | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString("latin1"))) return "image/gif";
  if (b.length >= 12 && b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP")
    return "image/webp";
  if (b.length >= 12 && b.subarray(4, 8).toString("latin1") === "ftyp")
    return b.subarray(8, 10).toString("latin1") === "qt" ? "video/quicktime" : "video/mp4";
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) return "video/webm";
  return null;
}

/** Width and height from a PNG's IHDR or a JPEG's first SOF marker. */
function pixelSize(b: Buffer, type: string | null): { width: number; height: number } | undefined {
  if (type === "image/png" && b.length >= 24) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (type !== "image/jpeg") return undefined;
  for (let i = 2; i + 9 < b.length;) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return undefined;
}

export async function fetchMedia(url: string, timeoutMs = 15_000): Promise<MediaFetch> {
  const empty = { url, status: 0, contentType: "", size: 0, sha256: "", sniffedType: null, ok: false };
  try {
    const res = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
    const length = Number(res.headers.get("content-length") ?? 0);
    if (length > MAX_BYTES) return { ...empty, status: res.status, error: `larger than ${MAX_BYTES} bytes` };
    const bytes = Buffer.from(await res.arrayBuffer());
    const contentType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const sniffedType = sniff(bytes);
    return {
      url,
      status: res.status,
      contentType,
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      sniffedType,
      ...pixelSize(bytes, sniffedType),
      ok: res.status === 200 && !!contentType && contentType === sniffedType,
    };
  } catch (e) {
    return { ...empty, error: (e as Error).message };
  }
}
