import { imageSize } from "image-size";

// Width and height of an image as it is displayed, from its header (image-size reads it without
// decoding the pixels). A JPEG's EXIF orientation is applied: phones store portrait photos as
// landscape pixels tagged "rotate 90°", and every viewer (and the platforms' own renderers) shows
// them upright, so an aspect ratio sent with an upload (Bluesky's) must be the upright one.

export type Dimensions = { width: number; height: number };

/** How much of a file the header parsers may need: JPEG's frame header can sit after large EXIF blocks. */
export const DIMENSION_BYTES = 512 * 1024;

const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

/** EXIF orientations 5 to 8 turn the picture by a quarter (transpose, 90° cw, transverse, 90° ccw). */
const QUARTER_TURNS = new Set([5, 6, 7, 8]);

/** The displayed size of an image whose type was sniffed from its bytes, or null when the header is
 *  incomplete or unreadable (the upload is still accepted; the size is only a hint for platforms). */
export function imageDimensions(mimeType: string, b: Uint8Array): Dimensions | null {
  if (!IMAGE_TYPES.has(mimeType)) return null;
  let size: ReturnType<typeof imageSize>;
  try {
    // image-size reads through the view's underlying buffer, so a view into a larger buffer would
    // let it read past the end of the header it was given: give it a copy that ends where b ends.
    size = imageSize(b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice());
  } catch {
    return null; // truncated or malformed header
  }
  const { width, height, orientation } = size;
  if (!width || !height || width <= 0 || height <= 0) return null;
  return orientation && QUARTER_TURNS.has(orientation) ? { width: height, height: width } : { width, height };
}
