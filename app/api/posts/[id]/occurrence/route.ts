import { apiRoute, readJson } from "@/lib/api/route";
import { getPost } from "@/lib/posts/queries";
import { deleteOccurrence, editOccurrence } from "@/lib/posts/series-operations";

// PUT /api/posts/:id/occurrence - { scope: "this" | "following", publishAt, targets, repeat? }
export const PUT = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { postId, seriesId } = await editOccurrence(ctx, id, await readJson(req));
  return { post: postId ? await getPost(ctx, postId) : null, series: seriesId ? { id: seriesId } : null };
});

// DELETE /api/posts/:id/occurrence?scope=this|following - occurrences already sent stay
export const DELETE = apiRoute<{ id: string }>(async (req, ctx, { id }) => ({
  ...(await deleteOccurrence(ctx, id, Object.fromEntries(req.nextUrl.searchParams))),
}));
