import { v1Handler } from "@/lib/api/v1/handler";
import { freeSlotsOp } from "@/lib/api/v1/operations/planning";
import { freeSlotsBetween } from "@/lib/schedules/free-slots";

export const GET = v1Handler(freeSlotsOp, async ({ ctx, query }) => ({
  data: await freeSlotsBetween(ctx, { from: query.from, to: query.to, channelIds: query.channels?.split(",").filter(Boolean) }),
}));
