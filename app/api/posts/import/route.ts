import { apiRoute, readJson } from "@/lib/api/route";
import { checkCsv, importChannels, reportOf } from "@/lib/imports/check";
import { importRequestSchema } from "@/lib/imports/schemas";
import { importCsv } from "@/lib/imports/write";
import { parseOrThrow } from "@/lib/validation";

// POST /api/posts/import - { csv, action: "preview" } checks every row of a CSV file as the composer
// would and lists the problems by row and column; { csv, action: "import", rows: "all" | "clean" }
// writes the posts (all rows, refused with 422 if any has a problem, or only the clean ones) in one transaction.
export const POST = apiRoute(async (req, ctx) => {
  const body = parseOrThrow(importRequestSchema, await readJson(req));
  const timeZone = ctx.user.timezone ?? "UTC";
  if (body.action === "preview") return { report: reportOf(await checkCsv(ctx, body.csv, { timeZone }), await importChannels(ctx)) };
  return { result: await importCsv(ctx, body.csv, { timeZone, rows: body.rows }) };
});
