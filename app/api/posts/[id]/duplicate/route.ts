import { apiRoute } from "@/lib/api/route";
import { duplicatePost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";

// POST /api/posts/:id/duplicate - a new draft with the same content
export const POST = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  const copy = await duplicatePost(ctx, id);
  return { post: await getPost(ctx, copy.id) };
});
