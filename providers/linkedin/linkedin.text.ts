// LinkedIn's "little text format": commentary may carry mention and hashtag templates, so these
// characters are reserved. An unescaped one makes LinkedIn silently cut the post at that point.
const RESERVED = new Set(["\\", "|", "{", "}", "@", "[", "]", "(", ")", "<", ">", "#", "*", "_", "~"]);

/** Plain text -> little text, every reserved character backslash-escaped. */
export function escapeLittleText(text: string): string {
  let out = "";
  for (const ch of text) out += RESERVED.has(ch) ? `\\${ch}` : ch;
  return out;
}

/**
 * Little text -> what LinkedIn shows: escapes removed, and the text cut at the first unescaped
 * reserved character, as LinkedIn does. The emulator uses it to show what a real post would
 * look like, so a missing escape is visible in tests.
 */
export function readLittleText(little: string): string {
  let out = "";
  for (let i = 0; i < little.length; i++) {
    const ch = little[i]!;
    if (ch === "\\" && i + 1 < little.length) {
      out += little[++i];
      continue;
    }
    if (RESERVED.has(ch)) break;
    out += ch;
  }
  return out;
}
