import { apiRoute } from "@/lib/api/route";
import { openMediaFile } from "@/lib/media/files";
import { parseRange } from "@/lib/media/range";

// GET /api/media/:id/file - the file itself, for thumbnails and previews of the signed-in org.
// The type is the sniffed one stored at upload; nosniff and a sandboxing CSP keep the browser
// from treating a file as anything else (an HTML page, a script) whatever its bytes. One byte
// range per request is served (206) so video previews can seek.
export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  const f = await openMediaFile(ctx, id);
  const headers: Record<string, string> = {
    "Content-Type": f.mimeType,
    "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    "Cache-Control": "private, max-age=3600",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Accept-Ranges": "bytes",
  };
  const range = parseRange(req.headers.get("range"), f.size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${f.size}` } });
  }
  if (range) {
    const length = range.end - range.start + 1;
    return new Response(f.open(range), {
      status: 206,
      headers: { ...headers, "Content-Length": String(length), "Content-Range": `bytes ${range.start}-${range.end}/${f.size}` },
    });
  }
  return new Response(f.open(), { headers: { ...headers, "Content-Length": String(f.size) } });
});
