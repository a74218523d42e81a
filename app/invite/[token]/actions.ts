"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ACTIVE_ORG_COOKIE } from "@/lib/auth/current";
import { auth } from "@/lib/auth/auth";
import { idArgument, toFormState, type FormState } from "@/lib/forms";
import { acceptInvite } from "@/lib/orgs/invites";

export async function acceptInviteAction(raw: string): Promise<FormState> {
  let token: string;
  try {
    token = idArgument(raw, "token");
  } catch (e) {
    return toFormState(e);
  }
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
