import { apiRoute } from "@/lib/api/route";
import { listEvergreen } from "@/lib/evergreen/pool";

// GET /api/evergreen - the organization's evergreen pool
export const GET = apiRoute(async (_req, ctx) => ({ items: await listEvergreen(ctx) }));
