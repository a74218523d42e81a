import { v1Handler } from "@/lib/api/v1/handler";
import { deletePostOp, getPostOp, updatePostOp } from "@/lib/api/v1/operations/posts";
import { postView } from "@/lib/api/v1/views/posts";
import { deletePost, updatePost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";

export const GET = v1Handler(getPostOp, async ({ ctx, params }) => postView(await getPost(ctx, params.id)));

export const PUT = v1Handler(updatePostOp, async ({ ctx, params, body }) => {
  await updatePost(ctx, params.id, body);
  return postView(await getPost(ctx, params.id));
});

export const DELETE = v1Handler(deletePostOp, async ({ ctx, params }) => {
  await deletePost(ctx, params.id);
  return { id: params.id, deleted: true as const };
});
