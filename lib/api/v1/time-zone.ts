import { db } from "@/lib/db/client";
import type { ApiKeyContext } from "@/lib/api-keys/keys";

// A key acts as the member who created it, so days and working hours are that member's: their
// profile's time zone, or UTC when they never set one (as the dashboards do).
export async function timeZoneOf(ctx: Pick<ApiKeyContext, "userId">): Promise<string> {
  const user = await db.user.findUnique({ where: { id: ctx.userId }, select: { timezone: true } });
  return user?.timezone ?? "UTC";
}
