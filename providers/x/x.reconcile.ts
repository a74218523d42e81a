import { ProviderError } from "../core/errors";
import { urlRanges } from "../core/url-ranges";
import type { PostItem, PublishedItem } from "../social.integrations.interface";
import type { XCall } from "./x.client";
import { classifyXError } from "./x.errors";

// Why this exists: X has no idempotency key, so when the answer to POST /2/tweets is lost (a
// timeout or a 5xx) the post may or may not exist, and posting again could publish it twice.
// Instead we read the account's own timeline (GET /2/users/:id/tweets) from the moment the
// attempt began and look for the post. X rewrites text on the way in and out: every link
// becomes a t.co link, media adds a trailing t.co link, replies may gain leading @mentions,
// whitespace is trimmed and & < > come back as HTML entities. So texts are compared in a
// normalised form rather than byte for byte.

export type TimelineTweet = {
  id: string;
  text: string;
  created_at?: string;
  conversation_id?: string;
  referenced_tweets?: { type: string; id: string }[];
  attachments?: { media_keys?: string[] };
};
type Timeline = { data?: TimelineTweet[]; meta?: { result_count?: number; next_token?: string }; errors?: unknown[] };

export const TIMELINE_FIELDS = "created_at,text,conversation_id,referenced_tweets,attachments";
/** 100 per page (X's most) for 10 pages: far more than an account posts in the minutes after a lost answer. */
export const DEFAULT_LIMITS = { pageSize: 100, maxPages: 10 };

/** Stands in for any link, ours or X's t.co one. */
export const URL_MARK = "\u0000";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">" };
/** X's v2 text escapes exactly these three; one pass, so "&amp;lt;" decodes to the "&lt;" we sent. */
export const decodeXEntities = (text: string) => text.replace(/&(amp|lt|gt);/g, (_m, name: string) => ENTITIES[name]!);

/** Our text in comparable form: NFC, every link a mark, whitespace collapsed and trimmed. */
export function normalizeText(text: string): string {
  const nfc = text.normalize("NFC");
  // Links as X's autolinker finds them (the same extractor as the composer's X counting, every
  // top-level domain included), each replaced by one mark, from the end so indices stay valid.
  let out = nfc;
  for (const [a, b] of urlRanges(nfc, "bare-domains").reverse()) out = out.slice(0, a) + URL_MARK + out.slice(b);
  return out.replace(/\s+/g, " ").trim();
}

/** Text as X's API returns it, in the same form. */
export const normalizeXText = (text: string) => normalizeText(decodeXEntities(text));

/**
 * Whether X's text is the text we sent: equal once normalised, allowing the trailing t.co link X
 * adds for media and the leading @mentions it may add to a reply.
 */
export function sameText(ours: string, theirs: string, opts: { media?: boolean; reply?: boolean } = {}): boolean {
  const want = normalizeText(ours);
  let forms = [normalizeXText(theirs)];
  if (opts.reply) forms = [...forms, ...forms.map((f) => f.replace(/^(?:@\w{1,15}(?: |$))+/, "").trim())];
  if (opts.media) forms = [...forms, ...forms.filter((f) => f.endsWith(URL_MARK)).map((f) => f.slice(0, -1).trim())];
  return forms.includes(want);
}

/** Whether `tweet` is the post `item` would have made (under `parent`, or top-level without one). */
export function matchesItem(tweet: TimelineTweet, item: PostItem, opts: { since: Date; parent?: PublishedItem }): boolean {
  if (tweet.created_at && Date.parse(tweet.created_at) < floorToSecond(opts.since).getTime()) return false;
  const repliedTo = tweet.referenced_tweets?.find((r) => r.type === "replied_to")?.id;
  if (opts.parent ? repliedTo !== opts.parent.id : repliedTo !== undefined) return false;
  const attachments = item.media?.length ?? 0;
  // X leaves `attachments` out when there are none; when it is there, the count must agree.
  const keys = tweet.attachments?.media_keys;
  if (keys && keys.length !== attachments) return false;
  return sameText(item.text, tweet.text, { media: attachments > 0, reply: !!opts.parent });
}

const floorToSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);
/** X wants second precision ("2025-01-01T12:00:00Z"); flooring keeps the second `since` falls in. */
export const xTimestamp = (d: Date) =>
  floorToSecond(d)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");

/**
 * The id of the post by `userId` matching `item`, made since `opts.since`, or null when the
 * account's timeline has none. Pages newest first; when the bound is reached before the timeline
 * ends, we cannot tell, so that is an error that keeps "may have published" rather than a null.
 */
export async function findTweet(
  call: XCall,
  userId: string,
  item: PostItem,
  opts: { since: Date; parent?: PublishedItem },
  limits = DEFAULT_LIMITS,
): Promise<string | null> {
  const query = new URLSearchParams({
    start_time: xTimestamp(opts.since),
    max_results: String(limits.pageSize),
    "tweet.fields": TIMELINE_FIELDS,
    exclude: "retweets",
  });
  for (let page = 0; page < limits.maxPages; page++) {
    const res = await call<Timeline>(
      `/2/users/${encodeURIComponent(userId)}/tweets?${query}`,
      {},
      {
        action: "look for the post among the account's recent posts",
      },
    );
    // A user X cannot find (or a suspended one) is a 200 with only errors[].
    if (!res.data && !res.meta && res.errors?.length) {
      const handled = classifyXError(JSON.stringify(res), 404);
      throw new ProviderError(handled.kind, handled.message, { status: 200, body: JSON.stringify(res).slice(0, 2000) });
    }
    const hit = res.data?.find((t) => matchesItem(t, item, opts));
    if (hit) return hit.id;
    const next = res.meta?.next_token;
    if (!next) return null;
    query.set("pagination_token", next);
  }
  throw new ProviderError(
    "retry",
    `X lists more than ${limits.pageSize * limits.maxPages} posts since ${xTimestamp(opts.since)}: too many to tell whether this one was published`,
    { mayHavePublished: true },
  );
}
