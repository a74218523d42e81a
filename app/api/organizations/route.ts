import { apiRoute, readJson } from "@/lib/api/route";
import { createOrganization } from "@/lib/orgs/members";

// GET /api/organizations - organizations the signed-in user belongs to
export const GET = apiRoute(async (_req, ctx) => ({ organizations: ctx.organizations, active: ctx.organizationId }));

// POST /api/organizations - create an organization owned by the signed-in user
export const POST = apiRoute(async (req, ctx) => createOrganization(ctx.userId, await readJson(req)));
