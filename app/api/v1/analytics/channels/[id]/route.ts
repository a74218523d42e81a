import { channelAnalytics } from "@/lib/analytics/channel";
import { periodFrom } from "@/lib/analytics/periods";
import { v1Handler } from "@/lib/api/v1/handler";
import { channelAnalyticsOp } from "@/lib/api/v1/operations/analytics";
import { timeZoneOf } from "@/lib/api/v1/time-zone";

// GET /api/v1/analytics/channels/{id}?range= - one channel's series and top posts
export const GET = v1Handler(channelAnalyticsOp, async ({ ctx, params, query }) => {
  const timeZone = await timeZoneOf(ctx);
  return channelAnalytics(ctx, params.id, { period: periodFrom(query, timeZone), timeZone });
});
