import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db, type Tx } from "@/lib/db/client";
import { AppError, notFound, ValidationError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/orgs/context";
import { hasRole, requireRole } from "@/lib/orgs/roles";
import { parseOrThrow } from "@/lib/validation";

// Single-use invitation links. The link carries a random token; only its hash is stored, so a
// database read does not reveal usable links.
export const INVITE_DAYS = 7;

export const createInviteSchema = z.object({
  role: z.enum(["owner", "admin", "member"], { error: "Role must be owner, admin or member" }),
});

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createInvite(ctx: OrgContext, input: unknown): Promise<{ id: string; token: string; expiresAt: Date }> {
  const { role } = parseOrThrow(createInviteSchema, input);
  requireRole(ctx, "admin", "invite members");
  if (!hasRole(ctx.role, role)) throw new ValidationError({ role: `An ${ctx.role} cannot invite an ${role}` });
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000);
  const invite = await ctx.db.invite.create({
    data: { organizationId: ctx.organizationId, role, tokenHash: hashToken(token), createdById: ctx.userId, expiresAt },
  });
  return { id: invite.id, token, expiresAt };
}

export async function listPendingInvites(ctx: OrgContext) {
  return ctx.db.invite.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, role: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvite(ctx: OrgContext, id: string): Promise<void> {
  requireRole(ctx, "admin", "revoke invitations");
  const res = await ctx.db.invite.updateMany({ where: { id, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  if (res.count === 0) throw notFound("Invitation");
}

export type InviteState = "valid" | "expired" | "used" | "revoked";

function inviteState(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): InviteState {
  if (i.revokedAt) return "revoked";
  if (i.acceptedAt) return "used";
  if (i.expiresAt <= new Date()) return "expired";
  return "valid";
}

const STATE_MESSAGE: Record<Exclude<InviteState, "valid">, string> = {
  expired: "This invitation has expired; ask the organization for a new link",
  used: "This invitation has already been used; each link works once",
  revoked: "This invitation was revoked by the organization",
};

/** What the invite page shows before anyone accepts. */
export async function describeInvite(token: string) {
  const invite = await db.invite.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!invite) return null;
  const state = inviteState(invite);
  return { organizationName: invite.organization.name, role: invite.role, state, message: state === "valid" ? null : STATE_MESSAGE[state] };
}

/** Consumes the invite inside the caller's transaction and adds the membership. */
export async function claimInvite(tx: Tx, token: string, userId: string): Promise<{ organizationId: string; role: Role }> {
  const invite = await tx.invite.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!invite) throw new ValidationError({ invite: "This invitation link is not valid" });
  const state = inviteState(invite);
  if (state !== "valid") throw new ValidationError({ invite: STATE_MESSAGE[state] });
  const claimed = await tx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: userId },
  });
  if (claimed.count === 0) throw new ValidationError({ invite: STATE_MESSAGE.used });
  const existing = await tx.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId: invite.organizationId } },
  });
  if (existing) throw new ValidationError({ invite: "You are already a member of this organization" });
  await tx.membership.create({ data: { userId, organizationId: invite.organizationId, role: invite.role } });
  return { organizationId: invite.organizationId, role: invite.role };
}

export async function acceptInvite(token: string, userId: string) {
  if (!token) throw new AppError("Invitation token is missing", 400, "invite");
  return db.$transaction((tx) => claimInvite(tx, token, userId));
}
