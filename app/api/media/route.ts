import { NextResponse, type NextRequest } from "next/server";
import { crossSiteReason } from "@/lib/api/csrf";
import { apiRoute } from "@/lib/api/route";
import { ValidationError } from "@/lib/errors";
import { listMedia } from "@/lib/media/library";
import { saveUpload } from "@/lib/media/store";
import { consume, RateLimitedError, RULES, tooManyRequests } from "@/lib/security/rate-limit";

// GET /api/media?cursor=&limit=&type=image|video|gif - the organization's uploads, newest first
export const GET = apiRoute(async (req, ctx) => listMedia(ctx, Object.fromEntries(req.nextUrl.searchParams)));

// POST /api/media - upload one file: the raw body is the file; x-file-name (URI-encoded) names it.
// Not multipart on purpose: the body streams straight to disk and the browser reports progress.
// The proxy does not see this route (it would buffer the body), so the CSRF origin check is here.
const upload = apiRoute(async (req, ctx) => {
  try {
    await consume([RULES.uploadUser, ctx.userId]);
  } catch (e) {
    if (e instanceof RateLimitedError) return tooManyRequests(e);
    throw e;
  }
  const length = Number(req.headers.get("content-length") ?? "");
  const media = await saveUpload(ctx, req.body, {
    fileName: decodeName(req.headers.get("x-file-name")),
    declaredType: req.headers.get("content-type"),
    declaredSize: req.headers.has("content-length") && Number.isInteger(length) && length >= 0 ? length : null,
  });
  return NextResponse.json({ media }, { status: 201 });
});

export async function POST(req: NextRequest, route: { params: Promise<Record<string, string>> }): Promise<Response> {
  const forged = crossSiteReason(req);
  return forged ? NextResponse.json({ error: forged }, { status: 403 }) : upload(req, route);
}

function decodeName(header: string | null): string {
  try {
    return decodeURIComponent(header ?? "");
  } catch {
    throw new ValidationError({ fileName: "the x-file-name header must be URI-encoded (encodeURIComponent)" });
  }
}
