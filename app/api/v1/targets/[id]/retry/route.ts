import { v1Handler } from "@/lib/api/v1/handler";
import { retryTargetOp } from "@/lib/api/v1/operations/posts";
import { postView } from "@/lib/api/v1/views/posts";
import { retryTarget } from "@/lib/posts/operations";
import { getPostOfTarget } from "@/lib/posts/queries";

export const POST = v1Handler(retryTargetOp, async ({ ctx, params }) => {
  await retryTarget(ctx, params.id);
  return postView(await getPostOfTarget(ctx, params.id));
});
