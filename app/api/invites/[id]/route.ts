import { apiRoute } from "@/lib/api/route";
import { revokeInvite } from "@/lib/orgs/invites";

// DELETE /api/invites/:id - revoke a pending invitation of the active organization
export const DELETE = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await revokeInvite(ctx, id);
  return { ok: true };
});
