import { apiRoute, readJson } from "@/lib/api/route";
import { deleteChannel, getChannel, setChannelDisabled } from "@/lib/channels/queries";
import { channelPatchSchema } from "@/lib/channels/schemas";
import { parseOrThrow } from "@/lib/validation";

// GET /api/channels/:id - one channel of the active organization (404 for any other)
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => ({ channel: await getChannel(ctx, id) }));

// PATCH /api/channels/:id - disable or enable a channel
export const PATCH = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { disabled } = parseOrThrow(channelPatchSchema, await readJson(req));
  return { channel: await setChannelDisabled(ctx, id, disabled) };
});

// DELETE /api/channels/:id - remove a channel; its unpublished posts for it leave the schedule
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => deleteChannel(ctx, id));
