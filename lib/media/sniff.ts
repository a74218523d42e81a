// Finds a file's real type from its first bytes. The browser's Content-Type and the file name are
// whatever the client says; the worker later hands these bytes to platforms under the type stored
// here, so it must be what the bytes are. Formats we refuse are recognised too, so the refusal
// can name them ("image/bmp") instead of saying "unknown".

/** Bytes the sniffer needs at most (the ftyp box and the EBML header fit well inside). */
export const SNIFF_BYTES = 64;

/** Types an upload may have: those at least one platform accepts. */
export const ALLOWED_MEDIA_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/quicktime", "video/webm"] as const;
export const ALLOWED_MEDIA_LABEL = "JPEG, PNG, GIF, WebP, MP4, MOV or WebM";

export const EXTENSION_OF: Record<string, string> = {
  "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp",
  "video/mp4": "mp4", "video/quicktime": "mov", "video/webm": "webm",
};

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/** ISO base media files (MP4, MOV, HEIF, AVIF, 3GP) share the box format; the major brand says which. */
function isoBrandType(brand: string): string {
  const b = brand.trim();
  if (b === "qt") return "video/quicktime";
  if (b === "avif" || b === "avis") return "image/avif";
  if (["heic", "heix", "heim", "heis", "mif1", "msf1"].includes(b)) return "image/heic";
  if (b.startsWith("3g")) return "video/3gpp";
  if (b === "M4A" || b === "M4B") return "audio/mp4";
  return "video/mp4"; // isom, iso2..9, mp41, mp42, avc1, M4V, dash, ...
}

/** The type the bytes really are, or null when they match nothing we know. */
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
