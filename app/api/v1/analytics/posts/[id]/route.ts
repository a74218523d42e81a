import { postAnalytics } from "@/lib/analytics/post";
import { v1Handler } from "@/lib/api/v1/handler";
import { postAnalyticsOp } from "@/lib/api/v1/operations/analytics";

// GET /api/v1/analytics/posts/{targetId} - one published post's counters per collection day
export const GET = v1Handler(postAnalyticsOp, async ({ ctx, params }) => postAnalytics(ctx, params.id));
