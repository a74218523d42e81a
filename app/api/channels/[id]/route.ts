import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api/route";
import { deleteChannel, getChannel, setChannelDisabled } from "@/lib/channels/queries";

// GET /api/channels/:id - one channel of the active organization (404 for any other)
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => ({ channel: await getChannel(ctx, id) }));

const patch = z.object({ disabled: z.boolean({ error: "disabled must be true or false" }) });

// PATCH /api/channels/:id - disable or enable a channel
export const PATCH = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { disabled } = patch.parse(await readJson(req));
  return { channel: await setChannelDisabled(ctx, id, disabled) };
});

// DELETE /api/channels/:id - remove a channel; its unpublished posts for it leave the schedule
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => deleteChannel(ctx, id));
