import { apiRoute } from "@/lib/api/route";
import { listMembers } from "@/lib/orgs/members";

// GET /api/members - members of the active organization
export const GET = apiRoute(async (_req, ctx) => ({ members: await listMembers(ctx) }));
