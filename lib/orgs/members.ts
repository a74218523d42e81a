import { z } from "zod";
import { db } from "@/lib/db/client";
import { notFound, ValidationError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { requireRole } from "@/lib/orgs/roles";
import { parseOrThrow, safeText } from "@/lib/validation";

export async function listMembers(ctx: OrgContext) {
  const rows = await ctx.db.membership.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((m) => ({ id: m.id, role: m.role, joinedAt: m.createdAt, userId: m.user.id, name: m.user.name, email: m.user.email }));
}

const roleSchema = z.object({ role: z.enum(["owner", "admin", "member"], { error: "Role must be owner, admin or member" }) });

async function assertNotLastOwner(ctx: OrgContext, membershipId: string): Promise<void> {
  const target = await ctx.db.membership.findUnique({ where: { id: membershipId } });
  if (!target) throw notFound("Member");
  if (target.role !== "owner") return;
  const owners = await ctx.db.membership.count({ where: { role: "owner" } });
  if (owners <= 1) throw new ValidationError({ role: "An organization needs at least one owner" });
}

export async function changeMemberRole(ctx: OrgContext, membershipId: string, input: unknown): Promise<void> {
  const { role } = parseOrThrow(roleSchema, input);
  requireRole(ctx, "owner", "change roles");
  if (role !== "owner") await assertNotLastOwner(ctx, membershipId);
  const res = await ctx.db.membership.updateMany({ where: { id: membershipId }, data: { role } });
  if (res.count === 0) throw notFound("Member");
}

export async function removeMember(ctx: OrgContext, membershipId: string): Promise<void> {
  requireRole(ctx, "owner", "remove members");
  await assertNotLastOwner(ctx, membershipId);
  const res = await ctx.db.membership.deleteMany({ where: { id: membershipId } });
  if (res.count === 0) throw notFound("Member");
}

export const organizationSchema = z.object({
  name: safeText("Organization name is required")
    .trim()
    .min(1, "Organization name is required")
    .max(100, "Organization name must be at most 100 characters"),
});

export async function createOrganization(userId: string, input: unknown): Promise<{ id: string }> {
  const { name } = parseOrThrow(organizationSchema, input);
  return db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name } });
    await tx.membership.create({ data: { userId, organizationId: org.id, role: "owner" } });
    return { id: org.id };
  });
}

export async function renameOrganization(ctx: OrgContext, input: unknown): Promise<void> {
  const { name } = parseOrThrow(organizationSchema, input);
  requireRole(ctx, "admin", "rename the organization");
  await db.organization.update({ where: { id: ctx.organizationId }, data: { name } });
}
