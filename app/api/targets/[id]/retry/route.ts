import { apiRoute } from "@/lib/api/route";
import { retryTarget } from "@/lib/posts/operations";

// POST /api/targets/:id/retry - "check and retry" a failed or unconfirmed channel of a post
export const POST = apiRoute<{ id: string }>(async (_req, ctx, { id }) => retryTarget(ctx, id));
