import { analyticsOverview } from "@/lib/analytics/overview";
import { requestedPeriod } from "@/lib/analytics/query";
import { apiRoute } from "@/lib/api/route";

// GET /api/analytics?range=7|30|90 or ?from=&to= - every channel's headline figures with their change, and the daily series
export const GET = apiRoute(async (req, ctx) => analyticsOverview(ctx, requestedPeriod(req, ctx)));
