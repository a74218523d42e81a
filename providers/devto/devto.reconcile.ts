import type { PostItem, PublishedItem } from "../social.integrations.interface";
import type { ForemApi } from "./devto.api";
import { myArticles } from "./devto.articles-me";
import { sameMarkdown } from "./devto.markdown";

// After a create whose answer was lost: the newest articles of the account (drafts come first in
// the list, then published ones) are read back, and one with the same body made since the call
// began is adopted. Drafts carry no date in the list, so a draft with the same body counts too;
// Forem itself refuses the same body under the same title twice (uniqueness of body_markdown per
// user and title), so such a draft can only be this one or an older copy the user made on DEV.

const RECENT = 30;

export async function findArticle(api: ForemApi, item: PostItem, since: Date): Promise<PublishedItem | null> {
  const recent = await myArticles(api, RECENT, "look for an article whose creation answer was lost");
  const found = recent.find((a) => {
    if (!sameMarkdown(a.body_markdown ?? "", item.text)) return false;
    if (!a.published_at) return true;
    return Date.parse(a.published_at) >= since.getTime();
  });
  return found?.url ? { id: String(found.id), url: found.url } : null;
}
