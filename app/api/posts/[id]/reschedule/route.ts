import { apiRoute, readJson } from "@/lib/api/route";
import { reschedulePost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";

// POST /api/posts/:id/reschedule - { publishAt }: moves what has not been published yet
export const POST = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  await reschedulePost(ctx, id, await readJson(req));
  return { post: await getPost(ctx, id) };
});
