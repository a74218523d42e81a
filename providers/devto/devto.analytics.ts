import { engagementsOf } from "../core/analytics";
import { ProviderError } from "../core/errors";
import type { ForemApi } from "./devto.api";
import { myArticles, type MyArticle } from "./devto.articles-me";

// A published article's counters (fact sheet §5): page views (the owner's figure, updated by DEV
// about daily), public reactions and comments, all from the owner's list of articles. A collection
// asks for each recent post in turn, so one read of the list serves them all for a minute instead
// of one read per post (reads are throttled to 3 per second).

const LIST_SIZE = 1000;
const TTL_MS = 60_000;
const lists = new Map<string, { at: number; articles: Promise<MyArticle[]> }>();

function listOf(api: ForemApi, channelId: string, now = Date.now()): Promise<MyArticle[]> {
  for (const [k, v] of lists) if (now - v.at > TTL_MS) lists.delete(k);
  const hit = lists.get(channelId);
  if (hit) return hit.articles;
  const articles = myArticles(api, LIST_SIZE, "read the articles' counters");
  lists.set(channelId, { at: now, articles });
  // A failed read is not kept: the next post tries again.
  articles.catch(() => lists.delete(channelId));
  return articles;
}

export async function devtoPostAnalytics(api: ForemApi, channelId: string, articleId: string): Promise<Record<string, number>> {
  const article = (await listOf(api, channelId)).find((a) => String(a.id) === articleId);
  if (!article) throw new ProviderError("bad-body", `DEV no longer lists the article ${articleId} among the account's latest ${LIST_SIZE}`);
  const figures: Record<string, number> = {};
  // Only what DEV reported: a missing counter stays missing rather than becoming 0.
  if (typeof article.page_views_count === "number") figures.page_views = article.page_views_count;
  if (typeof article.public_reactions_count === "number") figures.reactions = article.public_reactions_count;
  if (typeof article.comments_count === "number") figures.comments = article.comments_count;
  if ("reactions" in figures || "comments" in figures) figures.engagements = engagementsOf(figures, ["reactions", "comments"]);
  return figures;
}

/** Forgets the cached lists (tests). */
export function forgetArticleLists(): void {
  lists.clear();
}
