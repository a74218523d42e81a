import { forbidden } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/orgs/context";

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

export function requireRole(ctx: Pick<OrgContext, "role">, atLeast: Role, action: string): void {
  if (!hasRole(ctx.role, atLeast)) throw forbidden(`Only an organization ${atLeast} or above can ${action}`);
}
