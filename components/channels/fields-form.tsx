"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { formFields, type Channel, type Descriptor } from "./types";

/** The connect form of a platform that takes typed credentials, generated from its manifest's auth fields. */
export function FieldsForm({
  provider,
  channelId,
  onDone,
  onCancel,
}: {
  provider: Descriptor;
  channelId?: string;
  onDone: (c: Channel) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(formFields(provider).map((f) => [f.key, f.defaultValue ?? ""])),
  );
  const [errors, setErrors] = useState<{ message?: string; fields?: Record<string, string> }>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const res = await api<{ channel: Channel }>(`/api/integrations/${provider.identifier}/fields`, {
        method: "POST",
        body: JSON.stringify({ values, channelId }),
      });
      onDone(res.channel);
    } catch (err) {
      const fields = (err as { fields?: Record<string, string> }).fields;
      setErrors(
        fields
          ? { fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^values\./, ""), v])) }
          : { message: (err as Error).message },
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={`Connect ${provider.name}`}>
      {errors.message && <Alert>{errors.message}</Alert>}
      {provider.auth.kind === "bot" && <p className="text-sm text-slate-600">{provider.auth.instructions}</p>}
      {formFields(provider).map((f) => (
        <TextField
          key={f.key}
          label={f.label}
          name={f.key}
          type={f.type === "password" ? "password" : "text"}
          placeholder={f.placeholder}
          hint={f.help}
          value={values[f.key] ?? ""}
          error={errors.fields?.[f.key]}
          onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
        />
      ))}
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Checking…" : `Connect ${provider.name}`}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
