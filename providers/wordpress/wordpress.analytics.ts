import { ProviderError } from "../core/errors";
import type { PublishContext } from "../social.integrations.interface";
import { basicAuth, restUrl, type WpClient, type WpSite } from "./wordpress.api";

// The one per-post figure core WordPress documents: its approved comments, counted by the
// X-WP-Total header of GET /wp/v2/comments?post=<id> (../shared/platforms/wordpress.md §5).
// Views and likes need plugins (Jetpack Stats) and are not read.

export async function wordpressPostAnalytics(
  client: WpClient,
  site: WpSite,
  postId: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  if (!/^\d+$/.test(postId)) throw new ProviderError("bad-body", `"${postId}" is not a WordPress post id`);
  const res = await client.fetch(
    restUrl(site.apiRoot, "/wp/v2/comments", { post: postId, per_page: 1, _fields: "id" }),
    { headers: { authorization: basicAuth(site), accept: "application/json" } },
    { action: "count the post's comments", ctx },
  );
  await res.body?.cancel();
  // A proxy that drops the header leaves the figure unknown, which is not zero.
  const raw = res.headers.get("x-wp-total")?.trim();
  return raw && /^\d+$/.test(raw) ? { comments: Number(raw) } : {};
}
