import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { mediaFileResponse } from "@/lib/media/file-response";
import { openStoredMedia } from "@/lib/media/files";
import { verifyMediaToken } from "@/lib/media/public-url";

// GET/HEAD /m/<token>[.ext] - one library file at its signed, expiring public URL, for platforms
// that fetch attachments themselves (lib/media/public-url.ts). No session: the token is the
// permission. A bad, tampered or expired token, a deleted file and a missing one all get the same
// plain 404, so an answer tells nothing about which files exist.

const notFound = () =>
  new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

async function serve(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const named = token.length <= 512 ? verifyMediaToken(token) : null;
  if (!named) return notFound();
  try {
    const row = await db.media.findFirst({ where: { id: named.id, organizationId: named.organizationId } });
    if (!row) return notFound();
    const res = await mediaFileResponse(req, await openStoredMedia(row), { cacheControl: "private, max-age=600", filename: false });
    res.headers.set("X-Robots-Tag", "noindex");
    res.headers.set("Referrer-Policy", "no-referrer");
    return res;
  } catch (e) {
    if (isAppError(e) && e.status === 404) return notFound();
    console.error("[media] public URL failed", (e as Error).message);
    return new Response("Try again later\n", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30" },
    });
  }
}

export const GET = serve;
export const HEAD = serve;
