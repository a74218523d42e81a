// Text measures the platforms' documentation speaks in. Written here, not borrowed from the
// providers: the emulator checks the providers' counting, so it must not share it (a bug in one
// would otherwise be agreed with by the other).

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** User-perceived characters (Unicode extended grapheme clusters), as Intl.Segmenter finds them. */
export function graphemes(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** Length of the text's UTF-8 encoding. */
export const utf8Length = (text: string): number => Buffer.byteLength(text, "utf8");
