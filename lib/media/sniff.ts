// Finds a file's real type from its first bytes. The browser's Content-Type and the file name are
// whatever the client says; the worker later hands these bytes to platforms under the type stored
// here, so it must be what the bytes are. Formats we refuse are recognised too, so the refusal
// can name them ("image/bmp") instead of saying "unknown".

/** Bytes the sniffer needs at most (the ftyp box and the EBML header fit well inside). */
export const SNIFF_BYTES = 64;

/** Types an upload may have: those at least one platform accepts. */
export const ALLOWED_MEDIA_TYPES = [
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "video/mp4",
  "video/quicktime",
  "video/webm",
] as const;
export const ALLOWED_MEDIA_LABEL = "JPEG, PNG, GIF, WebP, MP4, MOV or WebM";

export const EXTENSION_OF: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
};

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

// ISO base media files (MP4, MOV, HEIF, AVIF, 3GP, Canon CR3 raw, Flash F4V…) share the box format;
// the major brand in the ftyp box says which. Only the brands of ordinary MP4 video, as phones,
// cameras, screen recorders and encoders (ffmpeg, HandBrake, Premiere) write them, pass as
// video/mp4: the ISO base brands, MP4 v1/v2, AVC, Apple's M4V variants, DASH and Sony's MSNV. The
// rest (F4V, XAVC with PCM audio, CR3, ...) are not what platforms take as "MP4": they get a
// descriptive name (not a media type, so never allowed) and are refused, not published as MP4.
const MP4_VIDEO_BRANDS = new Set([
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
  "mp41",
  "mp42",
  "avc1",
  "M4V ",
  "M4VH",
  "M4VP",
  "dash",
  "MSNV",
]);

function isoBrandType(brand: string): string {
  if (MP4_VIDEO_BRANDS.has(brand)) return "video/mp4";
  const b = brand.trim();
  if (b === "qt") return "video/quicktime";
  if (b === "avif" || b === "avis") return "image/avif";
  if (["heic", "heix", "heim", "heis", "mif1", "msf1"].includes(b)) return "image/heic";
  if (b.startsWith("3g")) return "video/3gpp";
  if (b === "M4A" || b === "M4B") return "audio/mp4";
  // The refusal reads "clip.f4v: MPEG-4 brand "f4v " (not standard MP4 video) is not a type…".
  return `MPEG-4 brand ${/^[\x20-\x7e]{4}$/.test(brand) ? `"${brand}"` : "(unreadable)"} (not standard MP4 video)`;
}

/** The type the bytes really are (for an MP4-family file of another brand, a description that no
 *  allow-list holds), or null when they match nothing we know. */
export function sniffType(head: Uint8Array): string | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (head.length >= 6 && (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a")) return "image/gif";
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "image/webp";
  if (head.length >= 12 && ascii(head, 4, 8) === "ftyp") return isoBrandType(ascii(head, 8, 12));
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: WebM and Matroska differ only by the DocType string in the header.
    const header = ascii(head, 0, Math.min(head.length, SNIFF_BYTES));
    if (header.includes("webm")) return "video/webm";
    if (header.includes("matroska")) return "video/x-matroska";
    return null;
  }
  if (head.length >= 2 && ascii(head, 0, 2) === "BM") return "image/bmp";
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return "image/tiff";
  if (head.length >= 5 && ascii(head, 0, 5) === "%PDF-") return "application/pdf";
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return "application/zip";
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "AVI ") return "video/x-msvideo";
  if (head.length > 0 && looksLikeText(head)) return /^\s*<(\?xml|svg)/i.test(ascii(head, 0, head.length)) ? "image/svg+xml" : "text/plain";
  return null;
}

/** Printable ASCII or UTF-8 continuation bytes only: no control characters besides whitespace. */
function looksLikeText(head: Uint8Array): boolean {
  return head.every((c) => c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c !== 0x7f));
}

export function isAllowedMediaType(type: string | null): boolean {
  return !!type && (ALLOWED_MEDIA_TYPES as readonly string[]).includes(type);
}
