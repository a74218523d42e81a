import { v1Handler } from "@/lib/api/v1/handler";
import { importPostsOp } from "@/lib/api/v1/operations/imports";
import { timeZoneOf } from "@/lib/api/v1/time-zone";
import { checkCsv, importChannels, reportOf } from "@/lib/imports/check";
import { importCsv } from "@/lib/imports/write";

export const POST = v1Handler(importPostsOp, async ({ ctx, body }) => {
  const timeZone = await timeZoneOf(ctx);
  if (body.action === "preview") return { report: reportOf(await checkCsv(ctx, body.csv, { timeZone }), await importChannels(ctx)) };
  return { result: await importCsv(ctx, body.csv, { timeZone, rows: body.rows }) };
});
