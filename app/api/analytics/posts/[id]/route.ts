import { postAnalytics } from "@/lib/analytics/post";
import { apiRoute } from "@/lib/api/route";

// GET /api/analytics/posts/:targetId - one published post's counters per collection day and its live link
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => postAnalytics(ctx, id));
