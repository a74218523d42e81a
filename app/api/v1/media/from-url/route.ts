import { v1Handler } from "@/lib/api/v1/handler";
import { importMediaOp } from "@/lib/api/v1/operations/media";
import { importMediaFromUrl } from "@/lib/media/from-url";
import { consume, RULES } from "@/lib/security/rate-limit";

// POST /api/v1/media/from-url {url, fileName?, alt?} - download a public file into the library
export const POST = v1Handler(importMediaOp, async ({ ctx, body }) => {
  await consume([RULES.uploadUser, ctx.userId]);
  return importMediaFromUrl(ctx, body);
});
