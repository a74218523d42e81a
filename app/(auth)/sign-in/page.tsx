import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { safeNext } from "@/lib/forms";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; invite?: string }> }) {
  const { next, invite } = await searchParams;
  const target = invite ? `/invite/${encodeURIComponent(invite)}` : safeNext(next);
  if ((await auth())?.user?.id) redirect(target);
  return <SignInForm next={target} invite={invite} />;
}
