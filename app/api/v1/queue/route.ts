import { v1Handler } from "@/lib/api/v1/handler";
import { addToQueueOp } from "@/lib/api/v1/operations/planning";
import { addToQueue } from "@/lib/schedules/add-to-queue";

export const POST = v1Handler(addToQueueOp, async ({ ctx, body }) => addToQueue(ctx, body));
