import { apiRoute, readJson } from "@/lib/api/route";
import { createSet, listSets } from "@/lib/sets/operations";

// GET /api/channel-sets - the organization's channel sets, each with its channels and their default settings
export const GET = apiRoute(async (_req, ctx) => ({ sets: await listSets(ctx) }));

// POST /api/channel-sets - save a set: { name, channels: [{ channelId, settings }] }
export const POST = apiRoute(async (req, ctx) => {
  const { id } = await createSet(ctx, await readJson(req));
  return { set: (await listSets(ctx)).find((s) => s.id === id) };
});
