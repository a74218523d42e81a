import { apiRoute, readJson } from "@/lib/api/route";
import { deleteSignature, listSignatures, updateSignature } from "@/lib/signatures/operations";

// PATCH /api/signatures/:id - change any of { name, body, auto, channelIds, providers }
export const PATCH = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  await updateSignature(ctx, id, await readJson(req));
  return { signature: (await listSignatures(ctx)).find((s) => s.id === id) };
});

// DELETE /api/signatures/:id
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteSignature(ctx, id);
  return { ok: true };
});
