import { apiRoute } from "@/lib/api/route";
import { calendarPosts } from "@/lib/posts/calendar";
import { calendarQuerySchema } from "@/lib/posts/schemas";
import { parseOrThrow } from "@/lib/validation";

// GET /api/calendar?from=&to=[&channels=id,id] - compact posts for a day, week or month view
export const GET = apiRoute(async (req, ctx) => {
  const q = parseOrThrow(calendarQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const channelIds = q.channels?.split(",").filter(Boolean);
  return { posts: await calendarPosts(ctx, { from: q.from, to: q.to, channelIds }) };
});
