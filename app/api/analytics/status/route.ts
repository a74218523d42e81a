import { collectionStatuses } from "@/lib/analytics/state";
import { apiRoute } from "@/lib/api/route";

// GET /api/analytics/status - where each channel's collection stands (for "refresh now" progress)
export const GET = apiRoute(async (_req, ctx) => ({ channels: await collectionStatuses(ctx.organizationId) }));
