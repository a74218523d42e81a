import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { callVk } from "./vk.api";

// A post's counters (§5; dev.vk.com/en/reference/objects/post): wall.getById posts=<owner>_<id>
// answers, in v5.199, {"items":[post]} (older versions a bare list) with likes.count,
// reposts.count, comments.count and views.count. A counter VK leaves out (views on old posts,
// comments when closed) is simply not reported.

const counter = z.object({ count: z.number() }).partial().optional();
const post = z.object({ likes: counter, reposts: counter, comments: counter, views: counter });
const answer = z.union([z.object({ items: z.array(post) }), z.array(post).transform((items) => ({ items }))]);

export async function vkPostCounters(
  api: SocialAbstract,
  token: string,
  postId: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  const parsed = answer.safeParse(
    await callVk(api, "wall.getById", { posts: postId }, { token, ctx, action: "read the VK post's counters" }),
  );
  if (!parsed.success) throw new ProviderError("retry", "VK sent post counters this server cannot read");
  const p = parsed.data.items[0];
  if (!p) throw new ProviderError("bad-body", `VK no longer shows post ${postId} (deleted, or its wall is closed)`);
  const out: Record<string, number> = {};
  for (const key of ["likes", "reposts", "comments", "views"] as const) {
    const n = p[key]?.count;
    if (typeof n === "number") out[key] = n;
  }
  return out;
}
