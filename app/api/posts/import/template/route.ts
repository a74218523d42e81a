import { apiRoute } from "@/lib/api/route";
import { importChannels } from "@/lib/imports/check";
import { templateCsv } from "@/lib/imports/template";
import { allProviders } from "@/providers/registry";

// GET /api/posts/import/template - a CSV template with the import's columns and the organization's channels as examples
export const GET = apiRoute(async (_req, ctx) => {
  const providers = new Map(allProviders().map((p) => [p.identifier, p]));
  const csv = templateCsv(await importChannels(ctx), providers, ctx.user.timezone ?? "UTC");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="postmill-import-template.csv"',
      "cache-control": "no-store",
    },
  });
});
