import type { openStoredMedia } from "./files";
import { parseRange } from "./range";

type Opened = Awaited<ReturnType<typeof openStoredMedia>>;

// One media file as an HTTP answer, for the signed-in library (/api/media/:id/file) and the
// public signed URLs (/m/:token). The type is the sniffed one stored at upload; nosniff and a
// sandboxing CSP keep a browser from treating a file as anything else (an HTML page, a script)
// whatever its bytes. One byte range per request is served (206): video previews seek, and
// platforms that fetch media (video especially) read it in ranges.
export async function mediaFileResponse(req: Request, f: Opened, opts: { cacheControl: string; filename?: boolean }): Promise<Response> {
  const headers: Record<string, string> = {
    "Content-Type": f.mimeType,
    "Cache-Control": opts.cacheControl,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Accept-Ranges": "bytes",
    ...(opts.filename !== false && { "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}` }),
  };
  const head = req.method === "HEAD";
  const range = parseRange(req.headers.get("range"), f.size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${f.size}` } });
  }
  if (range) {
    const length = range.end - range.start + 1;
    return new Response(head ? null : await f.open(range), {
      status: 206,
      headers: { ...headers, "Content-Length": String(length), "Content-Range": `bytes ${range.start}-${range.end}/${f.size}` },
    });
  }
  return new Response(head ? null : await f.open(), { headers: { ...headers, "Content-Length": String(f.size) } });
}
