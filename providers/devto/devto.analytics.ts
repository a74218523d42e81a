import { engagementsOf } from "../core/analytics";
import { ProviderError } from "../core/errors";
import type { PublishContext } from "../social.integrations.interface";
import type { ForemApi } from "./devto.api";
import { myArticles, type MyArticle } from "./devto.articles-me";

// A published article's counters (fact sheet §5): page views (the owner's figure, updated by DEV
// about daily), public reactions and comments, all from the owner's list of articles. A collection
// asks for each recent post in turn with one context (ctx); the list is read once per collection
// instead of once per post (reads are throttled to 3 per second). Without a context, every call reads.

const LIST_SIZE = 1000;
const lists = new WeakMap<PublishContext, Promise<MyArticle[]>>();

function listOf(api: ForemApi, ctx: PublishContext | undefined): Promise<MyArticle[]> {
  const hit = ctx && lists.get(ctx);
  if (hit) return hit;
  const articles = myArticles(api, LIST_SIZE, "read the articles' counters");
  if (ctx) {
    lists.set(ctx, articles);
    // A failed read is not kept: the next post of the collection tries again.
    articles.catch(() => lists.delete(ctx));
  }
  return articles;
}

export async function devtoPostAnalytics(api: ForemApi, articleId: string, ctx?: PublishContext): Promise<Record<string, number>> {
  const article = (await listOf(api, ctx)).find((a) => String(a.id) === articleId);
  if (!article) throw new ProviderError("bad-body", `DEV no longer lists the article ${articleId} among the account's latest ${LIST_SIZE}`);
  const figures: Record<string, number> = {};
  // Only what DEV reported: a missing counter stays missing rather than becoming 0.
  if (typeof article.page_views_count === "number") figures.page_views = article.page_views_count;
  if (typeof article.public_reactions_count === "number") figures.reactions = article.public_reactions_count;
  if (typeof article.comments_count === "number") figures.comments = article.comments_count;
  if ("reactions" in figures || "comments" in figures) figures.engagements = engagementsOf(figures, ["reactions", "comments"]);
  return figures;
}
