import { ApiSession } from "../core/api-session";
import { hostOf } from "../core/hosts";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { whopManifest } from "./whop.manifest";

// Whop's REST API v1 (https://api.whop.com/api/v1) with the user's OAuth token. One session per
// piece of work, so a refresh by one call (tokens rotate) is reused by the next.

export const whopSession = (provider: SocialAbstract, accessToken: string, ctx?: PublishContext): ApiSession =>
  new ApiSession(provider, { base: () => hostOf(whopManifest, "api"), headers: () => ({ accept: "application/json" }) }, accessToken, ctx);

/** Whop's cursor pages (after / first), as every list endpoint answers them. */
export type WhopPage<T> = { data?: T[]; page_info?: { end_cursor?: string | null; has_next_page?: boolean } };

/** Every item of a cursor-paged list, following `after` up to `maxPages` pages. */
export async function allPages<T>(api: ApiSession, path: string, action: string, maxPages = 10): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes("?") ? "&" : "?";
    const page = await api.get<WhopPage<T>>(`${path}${sep}first=50${after ? `&after=${encodeURIComponent(after)}` : ""}`, action);
    items.push(...(page.data ?? []));
    const next = page.page_info?.has_next_page ? page.page_info.end_cursor : undefined;
    if (!next) break;
    after = next;
  }
  return items;
}
