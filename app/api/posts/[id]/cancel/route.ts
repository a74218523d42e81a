import { apiRoute } from "@/lib/api/route";
import { cancelPost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";

// POST /api/posts/:id/cancel - nothing more of this post will be sent
export const POST = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  const result = await cancelPost(ctx, id);
  return { ...result, post: await getPost(ctx, id) };
});
