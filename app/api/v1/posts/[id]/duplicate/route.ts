import { v1Handler } from "@/lib/api/v1/handler";
import { duplicatePostOp } from "@/lib/api/v1/operations/posts";
import { postView } from "@/lib/api/v1/views/posts";
import { duplicatePost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";

export const POST = v1Handler(duplicatePostOp, async ({ ctx, params }) =>
  postView(await getPost(ctx, (await duplicatePost(ctx, params.id)).id)),
);
