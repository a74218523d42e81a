import { apiRoute, readJson } from "@/lib/api/route";
import { createGroup, listGroups } from "@/lib/channel-groups/operations";

// GET /api/channel-groups - the organization's channel groups (customers or brands), each with its time zone and channel ids
export const GET = apiRoute(async (_req, ctx) => ({ groups: await listGroups(ctx) }));

// POST /api/channel-groups - create a group: { name, timeZone?, channelIds? } (a listed channel leaves its old group)
export const POST = apiRoute(async (req, ctx) => ({ group: await createGroup(ctx, await readJson(req)) }));
