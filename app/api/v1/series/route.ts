import { v1Handler } from "@/lib/api/v1/handler";
import { createSeriesOp } from "@/lib/api/v1/operations/planning";
import { timeZoneOf } from "@/lib/api/v1/time-zone";
import { postView } from "@/lib/api/v1/views/posts";
import { getPost } from "@/lib/posts/queries";
import { createSeries } from "@/lib/posts/series-operations";

// repeat.timeZone defaults to the zone of the member who created the key, as the composer's does to the signed-in member's.
export const POST = v1Handler(createSeriesOp, async ({ ctx, body }) => {
  const { seriesId, postIds } = await createSeries(ctx, body, await timeZoneOf(ctx));
  return { series: { id: seriesId, occurrences: postIds.length }, post: postView(await getPost(ctx, postIds[0]!)) };
});
