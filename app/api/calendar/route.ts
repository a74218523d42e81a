import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { calendarPosts } from "@/lib/posts/calendar";
import { parseOrThrow } from "@/lib/validation";

const query = z.object({
  from: z.coerce.date({ message: "from must be a date" }),
  to: z.coerce.date({ message: "to must be a date" }),
  channels: z.string().optional(),
}).refine((q) => q.to > q.from, { path: ["to"], message: "to must be after from" })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 62 * 86_400_000, { path: ["to"], message: "a calendar range is at most 62 days" });

// GET /api/calendar?from=&to=[&channels=id,id] - compact posts for a day, week or month view
export const GET = apiRoute(async (req, ctx) => {
  const q = parseOrThrow(query, Object.fromEntries(req.nextUrl.searchParams));
  const channelIds = q.channels?.split(",").filter(Boolean);
  return { posts: await calendarPosts(ctx, { from: q.from, to: q.to, channelIds }) };
});
