import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api/route";
import { createPost } from "@/lib/posts/operations";
import { getPost, listPosts } from "@/lib/posts/queries";
import { parseOrThrow } from "@/lib/validation";

const range = z.object({
  from: z.coerce.date({ message: "from must be a date" }),
  to: z.coerce.date({ message: "to must be a date" }),
  drafts: z.enum(["1", "0"]).optional(),
}).refine((r) => r.to > r.from, { path: ["to"], message: "to must be after from" })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 400 * 86_400_000, { path: ["to"], message: "a range is at most 400 days" });

// GET /api/posts?from=&to=[&drafts=1] - the organization's posts in a time range
export const GET = apiRoute(async (req, ctx) => {
  const q = parseOrThrow(range, Object.fromEntries(req.nextUrl.searchParams));
  return { posts: await listPosts(ctx, { from: q.from, to: q.to, drafts: q.drafts === "1" }) };
});

// POST /api/posts - create a post: { mode: "draft" | "schedule" | "now", publishAt?, targets: [...] }
export const POST = apiRoute(async (req, ctx) => {
  const { id } = await createPost(ctx, await readJson(req));
  return { post: await getPost(ctx, id) };
});
