import type { Metadata } from "next";
import Link from "next/link";
import { auth } from "@/lib/auth/auth";
import { describeInvite } from "@/lib/orgs/invites";
import { AcceptInvite } from "./accept-invite";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, session] = await Promise.all([describeInvite(token), auth()]);
  const enc = encodeURIComponent(token);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <span className="text-xl font-bold text-brand-700">Postmill</span>
        {!invite || invite.state !== "valid" ? (
          <>
            <h1 className="mt-4 text-lg font-semibold">This invitation cannot be used</h1>
            <p role="alert" className="mt-2 text-sm text-red-700">
              {invite?.message ?? "This invitation link is not valid"}
            </p>
          </>
        ) : (
          <>
            <h1 className="mt-4 text-lg font-semibold">Join {invite.organizationName}</h1>
            <p className="mt-1 text-sm text-slate-600">
              You have been invited as <strong>{invite.role}</strong>.
            </p>
            {session?.user?.id ? (
              <AcceptInvite token={token} />
            ) : (
              <div className="mt-5 flex gap-3">
                <Link
                  href={`/sign-up?invite=${enc}`}
                  className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
                >
                  Create an account
                </Link>
                <Link
                  href={`/sign-in?invite=${enc}`}
                  className="rounded-md border border-slate-300 px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
                >
                  I have an account
                </Link>
              </div>
            )}
          </>
        )}
      </div>
    </main>
  );
}
