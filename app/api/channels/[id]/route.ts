import { apiRoute } from "@/lib/api/route";
import { getChannel } from "@/lib/channels/queries";

// GET /api/channels/:id - one channel of the active organization (404 for any other)
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => ({ channel: await getChannel(ctx, id) }));
