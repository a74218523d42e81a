import { apiRoute } from "@/lib/api/route";
import { openMediaFile } from "@/lib/media/files";

// GET /api/media/:id/file - the file itself, for thumbnails and previews of the signed-in org.
// The type is the sniffed one stored at upload; nosniff and a sandboxing CSP keep the browser
// from treating a file as anything else (an HTML page, a script) whatever its bytes.
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  const f = await openMediaFile(ctx, id);
  return new Response(f.body, {
    headers: {
      "Content-Type": f.mimeType,
      "Content-Length": String(f.size),
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
