import { apiRoute } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { calendarPosts } from "@/lib/posts/calendar";
import { calendarQuerySchema } from "@/lib/posts/schemas";
import { parseOrThrow } from "@/lib/validation";

// GET /api/calendar?from=&to=[&channels=id,id] - compact posts for a day, week or month view
export const GET = apiRoute(async (req, ctx) => {
  const q = parseOrThrow(calendarQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const channelIds = [...new Set(q.channels?.split(",").filter(Boolean))];
  // A filter naming a channel that is not this organization's is refused, as a post of it would be.
  if (channelIds.length && (await ctx.db.integration.count({ where: { id: { in: channelIds } } })) < channelIds.length)
    throw notFound("Channel");
  return { posts: await calendarPosts(ctx, { from: q.from, to: q.to, channelIds }) };
});
