"use client";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/forms";
import { acceptInviteAction } from "./actions";

export function AcceptInvite({ token }: { token: string }) {
  const [state, setState] = useState<FormState>({});
  const [pending, start] = useTransition();
  return (
    <div className="mt-5 space-y-3">
      {state.fields?.invite && <Alert>{state.fields.invite}</Alert>}
      {state.error && <Alert>{state.error}</Alert>}
      <Button disabled={pending} onClick={() => start(async () => setState(await acceptInviteAction(token)))}>
        {pending ? "Joining…" : "Accept and join"}
      </Button>
    </div>
  );
}
