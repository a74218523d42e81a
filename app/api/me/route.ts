import { apiRoute, readJson } from "@/lib/api/route";
import { updateProfile } from "@/lib/auth/profile";

// GET /api/me - the signed-in user, the active organization and the user's organizations
export const GET = apiRoute(async (_req, ctx) => ({
  user: ctx.user,
  organization: { id: ctx.organizationId, name: ctx.organizationName, role: ctx.role },
  organizations: ctx.organizations,
}));

// PATCH /api/me - update the profile (name, IANA time zone)
export const PATCH = apiRoute(async (req, ctx) => ({ user: await updateProfile(ctx.userId, await readJson(req)) }));
