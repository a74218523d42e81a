import { requestedPeriod } from "@/lib/analytics/query";
import { publishingRecords } from "@/lib/analytics/records";
import { apiRoute } from "@/lib/api/route";

// GET /api/analytics/records?range= - posts published per channel per week, success rate, failures by reason
export const GET = apiRoute(async (req, ctx) => publishingRecords(ctx, requestedPeriod(req, ctx)));
