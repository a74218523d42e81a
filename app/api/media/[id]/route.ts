import { apiRoute, readJson } from "@/lib/api/route";
import { deleteMedia, getMedia, updateMediaAlt } from "@/lib/media/library";

// GET /api/media/:id - one upload's details
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => ({ media: await getMedia(ctx, id) }));

// PATCH /api/media/:id - { alt: string | null } sets the default alt text (posts may override it)
export const PATCH = apiRoute<{ id: string }>(async (req, ctx, { id }) => ({ media: await updateMediaAlt(ctx, id, await readJson(req)) }));

// DELETE /api/media/:id - remove the row and the file; refused while an unpublished post uses it
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteMedia(ctx, id);
  return { ok: true };
});
