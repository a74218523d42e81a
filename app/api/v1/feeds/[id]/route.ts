import { v1Handler } from "@/lib/api/v1/handler";
import { deleteFeedOp } from "@/lib/api/v1/operations/feeds";
import { deleteFeed } from "@/lib/feeds/operations";

export const DELETE = v1Handler(deleteFeedOp, async ({ ctx, params }) => {
  await deleteFeed(ctx, params.id);
  return { deleted: true as const };
});
