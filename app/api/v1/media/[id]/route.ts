import { v1Handler } from "@/lib/api/v1/handler";
import { deleteMediaOp } from "@/lib/api/v1/operations/media";
import { deleteMedia } from "@/lib/media/library";

// DELETE /api/v1/media/{id} - remove a file; 409 while an unpublished post uses it
export const DELETE = v1Handler(deleteMediaOp, async ({ ctx, params }) => {
  await deleteMedia(ctx, params.id);
  return { id: params.id, deleted: true as const };
});
