import { v1Handler } from "@/lib/api/v1/handler";
import { stopSeriesOp } from "@/lib/api/v1/operations/planning";
import { stopSeries } from "@/lib/posts/series-operations";

export const DELETE = v1Handler(stopSeriesOp, async ({ ctx, params }) => stopSeries(ctx, params.id));
