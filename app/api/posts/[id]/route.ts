import { apiRoute, readJson } from "@/lib/api/route";
import { deletePost, updatePost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";

// GET /api/posts/:id
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => ({ post: await getPost(ctx, id) }));

// PUT /api/posts/:id - replace the post's editable targets (same body as POST /api/posts)
export const PUT = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  await updatePost(ctx, id, await readJson(req));
  return { post: await getPost(ctx, id) };
});

// DELETE /api/posts/:id - remove it from the app (published posts stay on the platforms)
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deletePost(ctx, id);
  return { ok: true };
});
