import { channelAnalytics } from "@/lib/analytics/channel";
import { requestedPeriod } from "@/lib/analytics/query";
import { apiRoute } from "@/lib/api/route";

// GET /api/analytics/channels/:id?range= - one channel's series per metric and its top posts
export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => channelAnalytics(ctx, id, requestedPeriod(req, ctx)));
