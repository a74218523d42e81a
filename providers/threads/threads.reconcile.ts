import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { parseTimestamp, profilePage, threadsApi } from "./threads.api";

// Reading back after a lost threads_publish answer (manifest publishSafety "reconcile"): the
// profile's recent posts (GET /{user-id}/threads) or, for a follow-up of a thread, its recent
// replies (GET /{user-id}/replies, each naming the post it answers in replied_to). A post made
// since the attempt began with the item's text is the one the lost call made.

const listed = z.object({
  data: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        text: z.string().nullish(),
        timestamp: z.string().nullish(),
        permalink: z.string().nullish(),
        replied_to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).nullish(),
      }),
    )
    .default([]),
});

/** Clocks differ: a post stamped a little before the attempt began still counts. */
const SKEW_MS = 2 * 60_000;

export async function findThreadsPost(
  api: SocialAbstract,
  channel: ChannelAccess,
  item: PostItem,
  opts: { since: Date; parent?: PublishedItem },
  ctx?: PublishContext,
): Promise<PublishedItem | null> {
  const edge = opts.parent ? "replies" : "threads";
  const fields = opts.parent ? "id,text,timestamp,permalink,replied_to" : "id,text,timestamp,permalink";
  const q = new URLSearchParams({ fields, limit: "25", since: String(Math.floor((opts.since.getTime() - SKEW_MS) / 1000)) });
  const answer = listed.safeParse(
    await api.fetchJson(
      `${threadsApi(`/${encodeURIComponent(channel.internalId)}/${edge}`)}?${q}`,
      {},
      { action: `read back your recent ${opts.parent ? "replies" : "posts"}`, token: channel.accessToken, ctx },
    ),
  );
  if (!answer.success) throw new ProviderError("retry", "Threads sent a list of posts this server cannot read");
  const text = item.text.trim();
  const found = answer.data.data.find((p) => {
    const at = parseTimestamp(p.timestamp);
    if (!Number.isFinite(at) || at < opts.since.getTime() - SKEW_MS) return false;
    if ((p.text ?? "").trim() !== text) return false;
    return !opts.parent || !p.replied_to || p.replied_to.id === opts.parent.id;
  });
  return found ? { id: found.id, url: found.permalink || profilePage(channel.username) } : null;
}
