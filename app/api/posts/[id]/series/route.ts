import { apiRoute } from "@/lib/api/route";
import { seriesOfPost } from "@/lib/posts/series-queries";
import { stopSeries } from "@/lib/posts/series-operations";

// GET /api/posts/:id/series - the recurring series the post belongs to, or null
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => ({ series: await seriesOfPost(ctx, id) }));

// DELETE /api/posts/:id/series - stop the series: no more occurrences; those already sent stay
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => ({ ...(await stopSeries(ctx, id)) }));
