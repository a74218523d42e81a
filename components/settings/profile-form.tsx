"use client";
import { useActionState, useMemo, useSyncExternalStore } from "react";
import { updateProfileAction } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import type { FormState } from "@/lib/forms";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function ProfileForm({ name, email, timezone }: { name: string; email: string; timezone: string | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateProfileAction, {});
  // Until the user picks one, the time zone defaults to the browser's.
  const detected = useSyncExternalStore(
    () => () => {},
    browserZone,
    () => "UTC",
  );
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const current = state.values?.timezone ?? timezone ?? detected;
  const options = zones.includes(current) ? zones : [current, ...zones];
  return (
    <Card title="Profile" description="How you appear to your team, and the time zone your calendar uses.">
      <form action={action} noValidate className="grid gap-4 sm:grid-cols-2">
        {state.ok && state.message && (
          <div className="sm:col-span-2">
            <Alert tone="success">{state.message}</Alert>
          </div>
        )}
        {state.error && (
          <div className="sm:col-span-2">
            <Alert>{state.error}</Alert>
          </div>
        )}
        <TextField label="Name" name="name" defaultValue={state.values?.name ?? name} error={state.fields?.name} />
        <TextField label="Email" name="email" value={email} readOnly disabled />
        <SelectField
          key={current}
          label="Time zone"
          name="timezone"
          defaultValue={current}
          error={state.fields?.timezone}
          hint={timezone ? undefined : `Detected from your browser: ${detected}`}
        >
          {options.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <div className="flex items-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save profile"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
