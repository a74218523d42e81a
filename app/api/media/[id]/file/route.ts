import { apiRoute } from "@/lib/api/route";
import { mediaFileResponse } from "@/lib/media/file-response";
import { openMediaFile } from "@/lib/media/files";

// GET /api/media/:id/file - the file itself, for thumbnails and previews of the signed-in org
// (headers and byte ranges: lib/media/file-response.ts).
export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) =>
  mediaFileResponse(req, await openMediaFile(ctx, id), { cacheControl: "private, max-age=3600" }),
);
