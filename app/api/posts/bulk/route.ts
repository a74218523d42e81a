import { apiRoute, readJson } from "@/lib/api/route";
import { bulkAction } from "@/lib/posts/bulk";

// POST /api/posts/bulk - reschedule (by minutes or to a day), delete or retry several posts
// ({ action, ids, ... }: lib/posts/bulk.schema.ts); another organization's post is a 404
export const POST = apiRoute(async (req, ctx) => ({ result: await bulkAction(ctx, await readJson(req)) }));
