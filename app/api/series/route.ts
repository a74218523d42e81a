import { apiRoute, readJson } from "@/lib/api/route";
import { getPost } from "@/lib/posts/queries";
import { createSeries } from "@/lib/posts/series-operations";

// POST /api/series - { publishAt, targets, repeat }: a recurring post; answers with its first occurrence
export const POST = apiRoute(async (req, ctx) => {
  const { seriesId, postIds } = await createSeries(ctx, await readJson(req), ctx.user.timezone ?? "UTC");
  return { series: { id: seriesId, occurrences: postIds.length }, post: await getPost(ctx, postIds[0]!) };
});
