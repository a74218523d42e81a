import { apiRoute, readJson } from "@/lib/api/route";
import { addToQueue } from "@/lib/schedules/add-to-queue";

// POST /api/queue - { targets: [...] }: each channel's post goes into its next free slot; paused channels are skipped and listed
export const POST = apiRoute(async (req, ctx) => addToQueue(ctx, await readJson(req)));
