import { analyticsOverview } from "@/lib/analytics/overview";
import { periodFrom } from "@/lib/analytics/periods";
import { v1Handler } from "@/lib/api/v1/handler";
import { analyticsOverviewOp } from "@/lib/api/v1/operations/analytics";
import { timeZoneOf } from "@/lib/api/v1/time-zone";

// GET /api/v1/analytics/overview?range=7|30|90 or ?from=&to= - the Analytics page's figures
export const GET = v1Handler(analyticsOverviewOp, async ({ ctx, query }) => {
  const timeZone = await timeZoneOf(ctx);
  return analyticsOverview(ctx, { period: periodFrom(query, timeZone), timeZone });
});
