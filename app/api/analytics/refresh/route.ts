import { refreshBodySchema } from "@/lib/analytics/query";
import { requestCollection } from "@/lib/queue/collection-request";
import { apiRoute, readJson } from "@/lib/api/route";
import { parseOrThrow } from "@/lib/validation";

// POST /api/analytics/refresh {channelId?} - collect now (every active channel, or one); progress at /api/analytics/status
export const POST = apiRoute(async (req, ctx) => {
  const { channelId } = parseOrThrow(refreshBodySchema, req.headers.get("content-length") === "0" ? {} : await readJson(req));
  if (channelId && !(await ctx.db.integration.findFirst({ where: { id: channelId }, select: { id: true } }))) {
    return Response.json({ error: "Channel not found", field: "channelId" }, { status: 404 });
  }
  const queued = await requestCollection(ctx.organizationId, channelId ? [channelId] : undefined);
  return { queued };
});
