// Width and height from an image's own header, without decoding it and without a dependency.
// These are the stored pixel dimensions (EXIF orientation is not applied): platforms that take
// width/height with an upload (Bluesky's aspect ratio) want the same numbers the bytes carry.

export type Dimensions = { width: number; height: number };

/** How much of a file the header parsers may need: JPEG's frame header can sit after large EXIF blocks. */
export const DIMENSION_BYTES = 512 * 1024;

export function imageDimensions(mimeType: string, b: Uint8Array): Dimensions | null {
  const d = parse(mimeType, b);
  return d && d.width > 0 && d.height > 0 ? d : null;
}

function parse(mimeType: string, b: Uint8Array): Dimensions | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (mimeType) {
    case "image/png":
      // Signature (8), IHDR length (4) and type (4), then width and height, big-endian.
      return b.length >= 24 ? { width: v.getUint32(16), height: v.getUint32(20) } : null;
    case "image/gif":
      // Logical screen size right after "GIF89a", little-endian.
      return b.length >= 10 ? { width: v.getUint16(6, true), height: v.getUint16(8, true) } : null;
    case "image/webp":
      return webp(b, v);
    case "image/jpeg":
      return jpeg(b, v);
    default:
      return null;
  }
}

function webp(b: Uint8Array, v: DataView): Dimensions | null {
  if (b.length < 30) return null;
  const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (chunk === "VP8 ") {
    // Lossy: after the 3-byte frame tag and 3-byte start code, 14-bit width and height.
    return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  }
  if (chunk === "VP8L") {
    // Lossless: after the 0x2f signature, width-1 and height-1 as two packed 14-bit fields.
    const bits = v.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    // Extended: canvas width-1 and height-1 as 24-bit little-endian at 24 and 27.
    const u24 = (at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  return null;
}

// Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic
// coding conditioning) share the range but are not frames.
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpeg(b: Uint8Array, v: DataView): Dimensions | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / start of scan before any frame
    const length = v.getUint16(at + 2);
    if (isStartOfFrame(marker)) {
      return at + 9 <= b.length ? { height: v.getUint16(at + 5), width: v.getUint16(at + 7) } : null;
    }
    at += 2 + length;
  }
  return null;
}
