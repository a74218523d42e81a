import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { ForemApi } from "./devto.api";

// GET /api/articles/me/all: the key owner's articles, drafts first (newest created first), then
// the published ones (newest first), with the counters only the owner sees (page_views_count).
// Both reconciliation and analytics read it; every counter is optional so a missing one is
// reported as missing, not as zero.

const mine = z.array(
  z.object({
    id: z.number().int(),
    title: z.string().optional(),
    url: z.string().optional(),
    published: z.boolean().optional(),
    published_at: z.string().nullish(),
    body_markdown: z.string().nullish(),
    page_views_count: z.number().nullish(),
    public_reactions_count: z.number().nullish(),
    comments_count: z.number().nullish(),
    organization: z.object({ name: z.string().optional(), username: z.string() }).nullish(),
  }),
);
export type MyArticle = z.infer<typeof mine>[number];

export async function myArticles(api: ForemApi, perPage: number, action: string): Promise<MyArticle[]> {
  const answer = mine.safeParse(await api.get(`/articles/me/all?per_page=${perPage}`, action));
  // An unreadable list is not an empty one: reconciliation must not conclude "never made".
  if (!answer.success) throw new ProviderError("retry", `DEV sent an unreadable list of articles while trying to ${action}`);
  return answer.data;
}
