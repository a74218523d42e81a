"use client";
import Link from "next/link";
import { useActionState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/forms";
import { signUpAction } from "../actions";

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

type Props = { invite?: string; joining: { organizationName: string; role: string } | null; inviteProblem: string | null };

export function SignUpForm({ invite, joining, inviteProblem }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(signUpAction, {});
  // The browser knows the user's time zone; it becomes the account's default.
  const timezone = useSyncExternalStore(noSubscribe, browserZone, () => "");
  return (
    <form action={action} noValidate className="space-y-4">
      <h1 className="text-lg font-semibold">Create your account</h1>
      {joining && (
        <Alert tone="info">
          You are joining <strong>{joining.organizationName}</strong> as {joining.role}.
        </Alert>
      )}
      {inviteProblem && <Alert>{inviteProblem}</Alert>}
      {state.error && <Alert>{state.error}</Alert>}
      {state.fields?.invite && <Alert>{state.fields.invite}</Alert>}
      <input type="hidden" name="timezone" value={timezone} />
      <input type="hidden" name="invite" value={joining ? invite : ""} />
      <TextField label="Name" name="name" autoComplete="name" defaultValue={state.values?.name} error={state.fields?.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={state.values?.email}
        error={state.fields?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={state.fields?.password}
        hint={`At least ${PASSWORD_MIN} characters.`}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link
          className="font-medium text-brand-600 hover:underline"
          href={invite ? `/sign-in?invite=${encodeURIComponent(invite)}` : "/sign-in"}
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
