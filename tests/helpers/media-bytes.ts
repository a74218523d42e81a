// Tiny, valid-enough file headers for the media tests: just the bytes the sniffer and the
// dimension parsers read, built here so no binary fixtures are needed.

const bytes = (...parts: (number[] | string | Uint8Array)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : [...p])));
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16be = (n: number) => [(n >>> 8) & 255, n & 255];
const u16le = (n: number) => [n & 255, (n >>> 8) & 255];
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const pad = (n: number) => new Array<number>(n).fill(0);

export const png = (w: number, h: number) =>
  bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32be(13), "IHDR", u32be(w), u32be(h), [8, 6, 0, 0, 0], pad(60));
export const gif = (w: number, h: number) => bytes("GIF89a", u16le(w), u16le(h), pad(60));
/** A JPEG with an APP1 block before the frame header, as cameras write it. */
export const jpeg = (w: number, h: number) =>
  bytes(
    [0xff, 0xd8, 0xff, 0xe1],
    u16be(34),
    "Exif",
    pad(28),
    [0xff, 0xdb],
    u16be(4),
    [0, 0],
    [0xff, 0xc0],
    u16be(17),
    [8],
    u16be(h),
    u16be(w),
    [3],
    pad(9),
    pad(40),
  );
/** A JPEG whose EXIF block (big-endian TIFF, one IFD0 entry) carries an orientation tag (0x0112). */
export const jpegOriented = (w: number, h: number, orientation: number) =>
  bytes(
    [0xff, 0xd8, 0xff, 0xe1],
    u16be(34),
    "Exif",
    [0, 0],
    "MM",
    [0, 0x2a],
    u32be(8),
    u16be(1),
    u16be(0x0112),
    u16be(3),
    u32be(1),
    u16be(orientation),
    [0, 0],
    u32be(0),
    [0xff, 0xc0],
    u16be(17),
    [8],
    u16be(h),
    u16be(w),
    [3],
    pad(9),
    pad(40),
  );
export const webpLossy = (w: number, h: number) =>
  bytes("RIFF", u32le(100), "WEBP", "VP8 ", u32le(80), [0, 0, 0, 0x9d, 0x01, 0x2a], u16le(w), u16le(h), pad(60));
export const webpLossless = (w: number, h: number) => {
  const bits = ((w - 1) & 0x3fff) | (((h - 1) & 0x3fff) << 14);
  return bytes("RIFF", u32le(100), "WEBP", "VP8L", u32le(80), [0x2f], u32le(bits >>> 0), pad(60));
};
export const webpExtended = (w: number, h: number) =>
  bytes("RIFF", u32le(100), "WEBP", "VP8X", u32le(10), [0, 0, 0, 0], u32le(w - 1).slice(0, 3), u32le(h - 1).slice(0, 3), pad(60));
export const isoMedia = (brand: string) => bytes(u32be(24), "ftyp", brand, u32be(0), "isommp42", pad(60));
export const ebml = (docType: string) => bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], docType, pad(60));
export const bmp = () => bytes("BM", u32le(70), pad(62));
export const text = (s = "this is not a picture, only words pretending to be one. ".repeat(3)) => bytes(s);

/** `n` bytes of a valid PNG header followed by filler, for size tests. */
export function bigPng(n: number): Uint8Array {
  const out = new Uint8Array(n);
  out.set(png(640, 480));
  return out;
}
