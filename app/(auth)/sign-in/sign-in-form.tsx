"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { FormState } from "@/lib/forms";
import { signInAction } from "../actions";

export function SignInForm({ next, invite }: { next: string; invite?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  return (
    <form action={action} noValidate className="space-y-4">
      <h1 className="text-lg font-semibold">Sign in</h1>
      {state.error && <Alert>{state.error}</Alert>}
      <input type="hidden" name="next" value={next} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={state.values?.email}
        error={state.fields?.email}
      />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" error={state.fields?.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        No account yet?{" "}
        <Link
          className="font-medium text-brand-600 hover:underline"
          href={invite ? `/sign-up?invite=${encodeURIComponent(invite)}` : "/sign-up"}
        >
          Create one
        </Link>
      </p>
    </form>
  );
}
