// LinkedIn's "little text format" (learn.microsoft.com, Posts API / little text format): post
// commentary may carry mention and hashtag templates, so \ | { } @ [ ] ( ) < > # * _ ~ are
// reserved and must be backslash-escaped. LinkedIn drops the escapes, and an unescaped reserved
// character cuts the post short there, silently. Written from that page for the emulator, apart
// from the provider's escaping, so a character the provider forgets to escape shows as a cut post.

// A reserved character after an even number of backslashes (none escaping it); a lone backslash
// at the very end escapes nothing, so it cuts the text too.
const UNESCAPED_RESERVED = /(?<!\\)(?:\\\\)*(?:[|{}@[\]()<>#*_~]|\\$)/;

/** What LinkedIn shows for `commentary`. */
export function shownText(commentary: string): string {
  const cut = UNESCAPED_RESERVED.exec(commentary);
  const kept = cut ? commentary.slice(0, cut.index + cut[0].length - 1) : commentary;
  return kept.replace(/\\(.)/gsu, "$1");
}
