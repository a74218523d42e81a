import { v1Handler } from "@/lib/api/v1/handler";
import { reschedulePostOp } from "@/lib/api/v1/operations/posts";
import { postView } from "@/lib/api/v1/views/posts";
import { reschedulePost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";

export const POST = v1Handler(reschedulePostOp, async ({ ctx, params, body }) => {
  await reschedulePost(ctx, params.id, body);
  return postView(await getPost(ctx, params.id));
});
