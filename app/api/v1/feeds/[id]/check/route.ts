import { v1Handler } from "@/lib/api/v1/handler";
import { checkFeedOp } from "@/lib/api/v1/operations/feeds";
import { checkFeedNow } from "@/lib/feeds/operations";

export const POST = v1Handler(checkFeedOp, async ({ ctx, params }) => {
  const result = await checkFeedNow(ctx, params.id);
  if (result.status === "missing") throw new Error("unreachable: checkFeedNow answers 404 for a deleted feed");
  return result;
});
