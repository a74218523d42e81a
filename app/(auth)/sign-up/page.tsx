import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { describeInvite } from "@/lib/orgs/invites";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  if ((await auth())?.user?.id) redirect(invite ? `/invite/${encodeURIComponent(invite)}` : "/calendar");
  const details = invite ? await describeInvite(invite) : null;
  return (
    <SignUpForm
      invite={invite}
      joining={details?.state === "valid" ? details : null}
      inviteProblem={invite && details?.state !== "valid" ? (details?.message ?? "This invitation link is not valid") : null}
    />
  );
}
