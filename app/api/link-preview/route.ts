import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getLinkPreview } from "@/lib/link-preview/cache";
import { LinkPreviewError } from "@/lib/link-preview/fetch";
import { consume, RateLimitedError, RULES, tooManyRequests } from "@/lib/security/rate-limit";
import { linkPreviewQuerySchema } from "@/lib/link-preview/schemas";
import { parseOrThrow } from "@/lib/validation";

// GET /api/link-preview?url= - the link card of a public page (title, description, image, site
// name), read through the guarded agent and cached; a page that cannot be read is a 422 naming url.
export const GET = apiRoute(async (req, ctx) => {
  const { url } = parseOrThrow(linkPreviewQuerySchema, { url: req.nextUrl.searchParams.get("url") ?? undefined });
  try {
    await consume([RULES.linkPreviewOrg, ctx.organizationId]);
  } catch (e) {
    if (e instanceof RateLimitedError) return tooManyRequests(e);
    throw e;
  }
  try {
    const { url: finalUrl, title, description, image, siteName } = await getLinkPreview(url);
    return { url: finalUrl, title, description, image, siteName };
  } catch (e) {
    if (e instanceof LinkPreviewError) throw new AppError(`url: no link card for this address: ${e.message}`, 422, "url");
    throw e;
  }
});
