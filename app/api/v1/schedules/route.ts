import { v1Handler } from "@/lib/api/v1/handler";
import { listSchedulesOp, saveSchedulesOp } from "@/lib/api/v1/operations/planning";
import { listSchedules, saveSchedules } from "@/lib/schedules/store";

export const GET = v1Handler(listSchedulesOp, async ({ ctx }) => ({ data: await listSchedules(ctx) }));

export const PUT = v1Handler(saveSchedulesOp, async ({ ctx, body }) => ({ data: await saveSchedules(ctx, body) }));
