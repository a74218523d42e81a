import "server-only";
import { ValidationError } from "@/lib/errors";
import { textToHtml } from "@/lib/markup/sanitize-html";
import type { OrgContext } from "@/lib/orgs/context";
import { createPost } from "@/lib/posts/operations";
import { addToQueue } from "@/lib/schedules/add-to-queue";
import { countText } from "@/providers/core/counting";
import { getProvider } from "@/providers/registry";
import type { ParsedItem } from "./parse";
import type { FeedChannel } from "./schemas";
import { fitTemplate } from "./template";
import { postingFor, type FeedMode } from "./timing";

// Turns one new feed item into one post, through the same createPost every post goes through
// (per-channel validation, the publish job in the same transaction). A channel the item cannot go
// to (the text cannot fit, a required setting, a disconnected account) is left out with its
// reason, and the others still get the post; the item fails only when no channel is left.

export type FeedForPosting = { title: string; template: string; channels: FeedChannel[]; mode: FeedMode };
export type ItemOutcome = { postId: string | null; problems: string[] };

export async function postFeedItem(ctx: OrgContext, feed: FeedForPosting, item: ParsedItem, now = new Date()): Promise<ItemOutcome> {
  const problems: string[] = [];
  const rows = await ctx.db.integration.findMany({ where: { id: { in: feed.channels.map((c) => c.channelId) } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const values = { title: item.title, link: item.link, summary: item.summary, author: item.author, feed: feed.title };
  let targets: { channelId: string; name: string; items: { text: string; media: [] }[]; settings: Record<string, unknown> }[] = [];
  for (const c of feed.channels) {
    const row = byId.get(c.channelId);
    const provider = row && getProvider(row.provider);
    if (!row || !provider) {
      problems.push(row ? `${row.name}: its platform is not available on this server` : "a channel of this feed was deleted");
      continue;
    }
    const fitted = fitTemplate(
      c.template || feed.template,
      values,
      provider.maxLength({ profile: row.profile as Record<string, unknown> | null }),
      (t) => countText(provider.counting, t),
    );
    if ("problem" in fitted) {
      problems.push(`${row.name}: ${fitted.problem}`);
      continue;
    }
    const text = provider.editor === "html" ? textToHtml(fitted.text) : fitted.text;
    targets.push({ channelId: row.id, name: row.name, items: [{ text, media: [] }], settings: {} });
  }
  const posting = await postingFor(feed.mode, ctx, now);
  // At most two tries: the second without the channels the first one's validation refused.
  for (let attempt = 0; attempt < 2 && targets.length; attempt++) {
    try {
      const chosen = targets.map(({ channelId, items, settings }) => ({ channelId, items, settings }));
      if (posting.mode === "queue") {
        // One post per channel, each in its channel's next free slot; a paused or slot-less queue
        // is skipped with its reason (and refused, naming each channel, when all are).
        const queued = await addToQueue(ctx, { targets: chosen }, now);
        problems.push(...queued.skipped.map((s) => s.reason));
        if (!queued.posts.length) return { postId: null, problems };
        return { postId: queued.posts[0]!.postId, problems };
      }
      const { id } = await createPost(ctx, { ...posting, targets: chosen });
      return { postId: id, problems };
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const refused = new Set<number>();
      for (const [field, message] of Object.entries(e.fields)) {
        const index = /^targets\.(\d+)/.exec(field)?.[1];
        if (index === undefined) {
          problems.push(message);
          return { postId: null, problems };
        }
        refused.add(Number(index));
        problems.push(message);
      }
      targets = targets.filter((_, i) => !refused.has(i));
    }
  }
  return { postId: null, problems: problems.length ? problems : ["no channel could take this item"] };
}
