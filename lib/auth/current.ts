import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";

// The signed-in user and their active organization, for server components, actions and routes.
export const ACTIVE_ORG_COOKIE = "postmill-org";

export async function currentContext(): Promise<ResolvedContext | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const preferred = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  return resolveOrgContext(userId, preferred);
}

/** For pages: sends visitors without a session to sign-in. */
export async function requirePageContext(): Promise<ResolvedContext> {
  const ctx = await currentContext();
  if (!ctx) redirect("/sign-in");
  return ctx;
}
