import { v1Handler } from "@/lib/api/v1/handler";
import { cancelPostOp } from "@/lib/api/v1/operations/posts";
import { postView } from "@/lib/api/v1/views/posts";
import { cancelPost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";

export const POST = v1Handler(cancelPostOp, async ({ ctx, params }) => {
  const { cancelled, inFlight } = await cancelPost(ctx, params.id);
  return { post: postView(await getPost(ctx, params.id)), cancelled, inFlight };
});
