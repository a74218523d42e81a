"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ACTIVE_ORG_COOKIE } from "@/lib/auth/current";
import { auth } from "@/lib/auth/auth";
import { secureCookies } from "@/lib/auth/secure-cookies";
import { idArgument, toFormState, type FormState } from "@/lib/forms";
import { acceptInvite } from "@/lib/orgs/invites";
import { clientIp } from "@/lib/security/client-ip";
import { consume, refund, RULES, type LimitCheck } from "@/lib/security/rate-limit";

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
  // Failed attempts (unknown, used or expired links) count per address; a success is refunded.
  const limit: LimitCheck = [RULES.inviteIp, clientIp(await headers())];
  try {
    await consume(limit);
    ({ organizationId } = await acceptInvite(token, userId));
  } catch (e) {
    return toFormState(e);
  }
  await refund(limit);
  (await cookies()).set(ACTIVE_ORG_COOKIE, organizationId, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies() });
  redirect("/calendar");
}
