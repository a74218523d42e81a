import "server-only";
import { db } from "@/lib/db/client";

/** E-mail addresses of the people who run an organization (owners and admins), for notifications. */
export async function notificationRecipients(organizationId: string): Promise<string[]> {
  const members = await db.membership.findMany({
    where: { organizationId, role: { in: ["owner", "admin"] } },
    select: { user: { select: { email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return [...new Set(members.map((m) => m.user.email).filter(Boolean))];
}
