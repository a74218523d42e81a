"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { ACTIVE_ORG_COOKIE, currentContext } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";

export async function switchOrganizationAction(organizationId: string): Promise<void> {
  const ctx = await currentContext();
  if (!ctx) throw new AppError("Sign in required", 401);
  if (!ctx.organizations.some((o) => o.id === organizationId)) throw new AppError("You are not a member of that organization", 403);
  (await cookies()).set(ACTIVE_ORG_COOKIE, organizationId, { httpOnly: true, sameSite: "lax", path: "/" });
  revalidatePath("/", "layout");
}
