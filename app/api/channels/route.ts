import { apiRoute } from "@/lib/api/route";
import { listChannels } from "@/lib/channels/queries";

// GET /api/channels - the active organization's channels (no tokens)
export const GET = apiRoute(async (_req, ctx) => ({ channels: await listChannels(ctx) }));
