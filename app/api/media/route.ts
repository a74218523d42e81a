import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { ValidationError } from "@/lib/errors";
import { listMedia } from "@/lib/media/library";
import { saveUpload } from "@/lib/media/store";

// GET /api/media?cursor=&limit=&type=image|video|gif - the organization's uploads, newest first
export const GET = apiRoute(async (req, ctx) => listMedia(ctx, Object.fromEntries(req.nextUrl.searchParams)));

// POST /api/media - upload one file: the raw body is the file; x-file-name (URI-encoded) names it.
// Not multipart on purpose: the body streams straight to disk and the browser reports progress.
export const POST = apiRoute(async (req, ctx) => {
  const length = Number(req.headers.get("content-length") ?? "");
  const media = await saveUpload(ctx, req.body, {
    fileName: decodeName(req.headers.get("x-file-name")),
    declaredType: req.headers.get("content-type"),
    declaredSize: req.headers.has("content-length") && Number.isInteger(length) && length >= 0 ? length : null,
  });
  return NextResponse.json({ media }, { status: 201 });
});

function decodeName(header: string | null): string {
  try {
    return decodeURIComponent(header ?? "");
  } catch {
    throw new ValidationError({ fileName: "the x-file-name header must be URI-encoded (encodeURIComponent)" });
  }
}
