import { apiRoute } from "@/lib/api/route";
import { freeSlotsBetween } from "@/lib/schedules/free-slots";
import { freeSlotsQuerySchema } from "@/lib/schedules/schemas";
import { parseOrThrow } from "@/lib/validation";

// GET /api/schedules/slots?from=&to=[&channels=id,id] - the free queue slots in a range, for the calendar
export const GET = apiRoute(async (req, ctx) => {
  const q = parseOrThrow(freeSlotsQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  return { slots: await freeSlotsBetween(ctx, { from: q.from, to: q.to, channelIds: q.channels?.split(",").filter(Boolean) }) };
});
