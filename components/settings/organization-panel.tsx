"use client";
import { useActionState } from "react";
import { createOrganizationAction, renameOrganizationAction } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import type { FormState } from "@/lib/forms";

export function OrganizationPanel({ name, role }: { name: string; role: string }) {
  const [renamed, rename, renaming] = useActionState<FormState, FormData>(renameOrganizationAction, {});
  const [created, create, creating] = useActionState<FormState, FormData>(createOrganizationAction, {});
  const canRename = role === "owner" || role === "admin";
  return (
    <Card title="Organization" description={`You are ${role === "owner" ? "an owner" : `an ${role}`} of this organization.`}>
      <div className="grid gap-6 sm:grid-cols-2">
        <form action={rename} noValidate className="space-y-3">
          {renamed.ok && renamed.message && <Alert tone="success">{renamed.message}</Alert>}
          {renamed.error && <Alert>{renamed.error}</Alert>}
          <TextField
            key={name}
            label="Organization name"
            name="name"
            defaultValue={renamed.values?.name ?? name}
            error={renamed.fields?.name}
            disabled={!canRename}
          />
          {canRename && (
            <Button type="submit" variant="secondary" disabled={renaming}>
              Rename
            </Button>
          )}
        </form>
        <form action={create} noValidate className="space-y-3">
          {created.ok && created.message && <Alert tone="success">{created.message}</Alert>}
          {created.error && <Alert>{created.error}</Alert>}
          <TextField
            label="New organization"
            name="name"
            placeholder="e.g. Client: Acme"
            defaultValue={created.ok ? "" : created.values?.name}
            error={created.fields?.name}
          />
          <Button type="submit" variant="secondary" disabled={creating}>
            Create and switch
          </Button>
        </form>
      </div>
    </Card>
  );
}
