import { db } from "@/lib/db/client";
import { scopedDb, type ScopedDb } from "@/lib/db/scoped";
import type { Role } from "@/lib/generated/prisma/enums";

// Who is acting, for which organization, with which role. Every lib function that touches
// organization data takes one of these and queries through `ctx.db`.
export type OrgContext = {
  userId: string;
  organizationId: string;
  role: Role;
  db: ScopedDb;
};

export type SessionUser = { id: string; email: string; name: string | null; timezone: string | null };

export type ResolvedContext = OrgContext & {
  user: SessionUser;
  organizationName: string;
  organizations: { id: string; name: string; role: Role }[];
};

/** Picks the active organization: the preferred one if the user belongs to it, else their first. */
export async function resolveOrgContext(userId: string, preferredOrgId?: string | null): Promise<ResolvedContext | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      timezone: true,
      memberships: { orderBy: { createdAt: "asc" }, select: { role: true, organization: { select: { id: true, name: true } } } },
    },
  });
  if (!user || user.memberships.length === 0) return null;
  const organizations = user.memberships.map((m) => ({ id: m.organization.id, name: m.organization.name, role: m.role }));
  const active = organizations.find((o) => o.id === preferredOrgId) ?? organizations[0]!;
  return {
    userId: user.id,
    organizationId: active.id,
    organizationName: active.name,
    role: active.role,
    db: scopedDb(active.id),
    user: { id: user.id, email: user.email, name: user.name, timezone: user.timezone },
    organizations,
  };
}

export function contextFor(userId: string, organizationId: string, role: Role): OrgContext {
  return { userId, organizationId, role, db: scopedDb(organizationId) };
}
