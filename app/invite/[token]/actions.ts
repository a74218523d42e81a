"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ACTIVE_ORG_COOKIE } from "@/lib/auth/current";
import { auth } from "@/lib/auth/auth";
import { toFormState, type FormState } from "@/lib/forms";
import { acceptInvite } from "@/lib/orgs/invites";

export async function acceptInviteAction(token: string): Promise<FormState> {
  const userId = (await auth())?.user?.id;
  if (!userId) redirect(`/sign-in?invite=${encodeURIComponent(token)}`);
  let organizationId: string;
  try {
    ({ organizationId } = await acceptInvite(token, userId));
  } catch (e) {
    return toFormState(e);
  }
  (await cookies()).set(ACTIVE_ORG_COOKIE, organizationId, { httpOnly: true, sameSite: "lax", path: "/" });
  redirect("/calendar");
}
