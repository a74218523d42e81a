import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { PostItem, PublishedItem } from "../social.integrations.interface";
import type { ForemApi } from "./devto.api";
import { hasFrontMatter } from "./devto.markdown";
import type { DevtoSettings } from "./devto.settings";

// One article from one post item: POST /api/articles with everything in `article`. Tags go as an
// array (Forem permits `tags: []` only; a comma-separated string is silently dropped by its strong
// parameters), the cover image as a URL (main_image: DEV fetches it, there is no upload endpoint).

const created = z.object({
  id: z.number().int(),
  url: z.string().min(1),
  published: z.boolean().optional(),
});

export const NO_COVER_ADDRESS =
  "DEV takes the cover image by its public address, and this file from the media library has none on this server; attach the image by URL instead";

export type ArticleBody = {
  title: string;
  body_markdown: string;
  published: boolean;
  tags?: string[];
  series?: string;
  canonical_url?: string;
  description?: string;
  main_image?: string;
  organization_id?: number;
};

export function articleBody(item: PostItem, settings: DevtoSettings): { article: ArticleBody; warnings: string[] } {
  if (hasFrontMatter(item.text)) {
    throw new ProviderError(
      "bad-body",
      "The article starts with a front matter block (--- … ---), which DEV would read as its title, tags and status instead of this post's settings; remove it and use the settings",
    );
  }
  const warnings: string[] = [];
  const cover = item.media?.[0];
  // An upload reaches here with its signed public URL (withPublicMedia in post()); DEV can only
  // take a cover it downloads itself.
  if (cover && !cover.url) throw new ProviderError("bad-body", NO_COVER_ADDRESS);
  if (cover?.alt) warnings.push("DEV has no alt text for a cover image; the description was not sent");
  const article: ArticleBody = {
    title: settings.title,
    body_markdown: item.text,
    published: (settings.status ?? "published") === "published",
    ...(settings.tags?.length ? { tags: settings.tags } : {}),
    ...(settings.series ? { series: settings.series } : {}),
    ...(settings.canonicalUrl ? { canonical_url: settings.canonicalUrl } : {}),
    ...(settings.description ? { description: settings.description } : {}),
    ...(cover?.url ? { main_image: cover.url } : {}),
    ...(settings.organization ? { organization_id: Number(settings.organization) } : {}),
  };
  return { article, warnings };
}

export async function createArticle(api: ForemApi, item: PostItem, settings: DevtoSettings): Promise<PublishedItem> {
  const { article, warnings } = articleBody(item, settings);
  const answer = created.safeParse(await api.post("/articles", { article }, "create the article"));
  if (!answer.success)
    throw new ProviderError("retry", "DEV answered the article's creation without its id and link", { mayHavePublished: true });
  const a = answer.data;
  // Front matter or DEV's own checks may leave a draft where publishing was asked for.
  if (article.published && a.published === false) warnings.push("DEV saved the article as a draft instead of publishing it");
  else if (!article.published) warnings.push("Saved as a draft on DEV: only you can see it until you publish it there");
  return { id: String(a.id), url: a.url, ...(warnings.length ? { warnings } : {}) };
}
