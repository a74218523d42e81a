import type { ApiSession } from "../core/api-session";
import type { PostItem, PublishedItem } from "../social.integrations.interface";
import type { WhopPage } from "./whop.api";

// A create whose answer was lost is settled by reading the forum back (GET /forum_posts with
// experience_id, and parent_id for comments): POST /forum_posts takes no idempotency key. A post
// made by this publish has the same Markdown body and attachment count and was made after the
// attempt began. The newest 100 posts are looked at; a busier forum leaves it unconfirmed.

type Listed = {
  id?: string;
  content?: string | null;
  created_at?: string | null;
  parent_id?: string | null;
  attachments?: unknown[] | null;
};

const LOOK_BACK = 2;

export async function findWhopPost(
  api: ApiSession,
  experienceId: string,
  item: PostItem,
  since: Date,
  parentId: string | undefined,
): Promise<string | undefined> {
  const base = `/forum_posts?experience_id=${encodeURIComponent(experienceId)}${parentId ? `&parent_id=${encodeURIComponent(parentId)}` : ""}&first=50`;
  let after: string | undefined;
  for (let i = 0; i < LOOK_BACK; i++) {
    const page = await api.get<WhopPage<Listed>>(
      `${base}${after ? `&after=${encodeURIComponent(after)}` : ""}`,
      "look for the Whop post whose answer was lost",
    );
    const hit = (page.data ?? []).find(
      (p) =>
        p.id &&
        (p.content ?? "") === item.text &&
        (p.attachments?.length ?? 0) === (item.media?.length ?? 0) &&
        (p.parent_id ?? undefined) === parentId &&
        Date.parse(p.created_at ?? "") >= since.getTime(),
    );
    if (hit?.id) return hit.id;
    const next = page.page_info?.has_next_page ? page.page_info.end_cursor : undefined;
    if (!next) return undefined;
    after = next;
  }
  return undefined;
}

/** The post a comment chain hangs from: kept on every published item, as comments all answer it. */
export const rootOf = (item: PublishedItem | undefined): string | undefined => item && (item.ref?.root ?? item.id);
