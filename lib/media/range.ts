// HTTP byte ranges for serving library files. Pure, so it is tested on its own.

export type ByteRange = { start: number; end: number };

/**
 * A single `Range: bytes=` request against a file of `size` bytes: the range to send, null to
 * send the whole file (no header, or a form we do not serve such as several ranges), or
 * "unsatisfiable". Browsers need ranges to seek in a video, and Safari to play one at all.
 */
export function parseRange(header: string | null, size: number): ByteRange | null | "unsatisfiable" {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (!m[1] && !m[2])) return null;
  const start = m[1] ? Number(m[1]) : Math.max(0, size - Number(m[2])); // "-500" is the last 500 bytes
  const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}
