import { apiRoute, readJson } from "@/lib/api/route";
import { listSchedules, saveSchedules } from "@/lib/schedules/store";

// GET /api/schedules - every channel's posting schedule (weekly slots, zone, paused, close gaps)
export const GET = apiRoute(async (_req, ctx) => ({ schedules: await listSchedules(ctx) }));

// PUT /api/schedules - { channelIds, timeZone, slots: [{ weekday, time }], paused?, closeGaps? }: one schedule for one or several channels
export const PUT = apiRoute(async (req, ctx) => ({ schedules: await saveSchedules(ctx, await readJson(req)) }));
