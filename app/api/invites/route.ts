import { apiRoute, readJson } from "@/lib/api/route";
import { createInvite, listPendingInvites } from "@/lib/orgs/invites";

// GET /api/invites - pending invitations of the active organization
export const GET = apiRoute(async (_req, ctx) => ({ invites: await listPendingInvites(ctx) }));

// POST /api/invites - create a single-use invitation link with a role
export const POST = apiRoute(async (req, ctx) => {
  const invite = await createInvite(ctx, await readJson(req));
  return { id: invite.id, path: `/invite/${invite.token}`, expiresAt: invite.expiresAt };
});
