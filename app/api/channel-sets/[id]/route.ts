import { apiRoute, readJson } from "@/lib/api/route";
import { deleteSet, listSets, updateSet } from "@/lib/sets/operations";

// PATCH /api/channel-sets/:id - rename a set and/or replace its channels: { name?, channels? }
export const PATCH = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  await updateSet(ctx, id, await readJson(req));
  return { set: (await listSets(ctx)).find((s) => s.id === id) };
});

// DELETE /api/channel-sets/:id - delete a set (its channels are not touched)
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteSet(ctx, id);
  return { ok: true };
});
