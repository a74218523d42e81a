import { graphemes } from "@/emulator/kit/text";

// How a Mastodon server counts a status (docs.joinmastodon.org, methods/statuses.md and
// /api/v2/instance configuration.statuses): graphemes of spoiler_text + status, where every link
// starting http:// or https:// counts as characters_reserved_per_url (23) whatever its length,
// and a remote mention @user@domain counts as @user. Deliberately simpler than the provider's
// counter (a link here is a run of non-space characters, trailing punctuation excluded), so the
// two can disagree only where a provider would have to be wrong on an ordinary post.

export const CHARACTERS_RESERVED_PER_URL = 23;

const LINK = /https?:\/\/[^\s<>"]+/gi;
const REMOTE_MENTION = /(^|[^\w/@])@(\w+)@[a-z0-9-]+(\.[a-z0-9-]+)+/gi;

function linkEnd(link: string): string {
  // A sentence's punctuation after a link is not part of it; a ")" is when the link opened one.
  let end = link.replace(/[.,:;!?'"]+$/, "");
  if (end.endsWith(")") && !end.includes("(")) end = end.slice(0, -1).replace(/[.,:;!?'"]+$/, "");
  return end;
}

export function statusTextLength(text: string): number {
  const linksShortened = text.replace(LINK, (link) => "#".repeat(CHARACTERS_RESERVED_PER_URL) + link.slice(linkEnd(link).length));
  return graphemes(linksShortened.replace(REMOTE_MENTION, (_m, before: string, user: string) => `${before}@${user}`));
}

/** The server's count: graphemes of the content warning plus the text, URLs as 23, @user@domain as @user. */
export function statusLength(text: string, spoilerText: string): number {
  return graphemes(spoilerText) + statusTextLength(text);
}
