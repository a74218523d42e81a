import { v1Handler } from "@/lib/api/v1/handler";
import { addFeedOp, listFeedsOp } from "@/lib/api/v1/operations/feeds";
import { addFeed } from "@/lib/feeds/operations";
import { listFeeds } from "@/lib/feeds/queries";

export const GET = v1Handler(listFeedsOp, async ({ ctx }) => ({ data: await listFeeds(ctx) }));

export const POST = v1Handler(addFeedOp, async ({ ctx, body }) => addFeed(ctx, body));
