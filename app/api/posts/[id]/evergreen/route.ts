import { apiRoute, readJson } from "@/lib/api/route";
import { addToEvergreen, removeFromEvergreen } from "@/lib/evergreen/pool";

// PUT /api/posts/:id/evergreen - { minGapDays? }: put the post in the evergreen pool (or change its gap)
export const PUT = apiRoute<{ id: string }>(async (req, ctx, { id }) => addToEvergreen(ctx, id, await readJson(req)));

// DELETE /api/posts/:id/evergreen - take the post out of the evergreen pool
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await removeFromEvergreen(ctx, id);
  return { ok: true };
});
