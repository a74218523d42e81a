import { apiRoute, readJson } from "@/lib/api/route";
import { createPost } from "@/lib/posts/operations";
import { getPost, listPosts } from "@/lib/posts/queries";
import { postRangeQuerySchema } from "@/lib/posts/schemas";
import { parseOrThrow } from "@/lib/validation";

// GET /api/posts?from=&to=[&drafts=1] - the organization's posts in a time range
export const GET = apiRoute(async (req, ctx) => {
  const q = parseOrThrow(postRangeQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  return { posts: await listPosts(ctx, { from: q.from, to: q.to, drafts: q.drafts === "1" }) };
});

// POST /api/posts - create a post: { mode: "draft" | "schedule" | "now", publishAt?, targets: [...] }
export const POST = apiRoute(async (req, ctx) => {
  const { id } = await createPost(ctx, await readJson(req));
  return { post: await getPost(ctx, id) };
});
