import { apiRoute, readJson } from "@/lib/api/route";
import { deleteGroup, updateGroup } from "@/lib/channel-groups/operations";

// PATCH /api/channel-groups/:id - rename, set or clear the time zone, replace the channels: { name?, timeZone?, channelIds? }
export const PATCH = apiRoute<{ id: string }>(async (req, ctx, { id }) => ({ group: await updateGroup(ctx, id, await readJson(req)) }));

// DELETE /api/channel-groups/:id - delete a group (its channels stay, ungrouped)
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteGroup(ctx, id);
  return { ok: true };
});
