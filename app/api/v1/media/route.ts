import { ValidationError } from "@/lib/errors";
import { v1Handler } from "@/lib/api/v1/handler";
import { listMediaOp, uploadMediaOp } from "@/lib/api/v1/operations/media";
import { listMedia } from "@/lib/media/library";
import { saveUpload } from "@/lib/media/store";
import { consume, RULES } from "@/lib/security/rate-limit";

// GET /api/v1/media?cursor=&limit=&type= - the library, newest first
export const GET = v1Handler(listMediaOp, async ({ ctx, query }) => {
  const page = await listMedia(ctx, query);
  return { data: page.items, nextCursor: page.nextCursor };
});

// POST /api/v1/media - the raw body is the file, X-File-Name names it (the app's upload, lib/media/store.ts)
export const POST = v1Handler(uploadMediaOp, async ({ ctx, req }) => {
  await consume([RULES.uploadUser, ctx.userId]); // the app's own upload limit, shared with the key's member
  const length = Number(req.headers.get("content-length") ?? "");
  return saveUpload(ctx, req.body, {
    fileName: decodeName(req.headers.get("x-file-name")),
    declaredType: req.headers.get("content-type"),
    declaredSize: req.headers.has("content-length") && Number.isInteger(length) && length >= 0 ? length : null,
  });
});

function decodeName(header: string | null): string {
  try {
    return decodeURIComponent(header ?? "");
  } catch {
    throw new ValidationError({ "X-File-Name": "must be URI-encoded (encodeURIComponent)" });
  }
}
