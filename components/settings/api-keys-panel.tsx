"use client";
import { useActionState, useState, useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(app)/settings/api/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { ScrollBox } from "@/components/ui/scroll-box";
import type { ApiKeyView } from "@/lib/api-keys/keys";
import type { FormState } from "@/lib/forms";

// Create, list and revoke the organization's API keys. A new key's secret is shown here once,
// right after it is created; the server keeps only its hash.

const SCOPES = [
  { id: "read", label: "read", hint: "every GET: channels, posts" },
  { id: "write", label: "write", hint: "drafts, changes, deletes, cancels, disabling channels" },
  { id: "publish", label: "publish", hint: "anything that makes a post go out: schedule, now, reschedule, retry" },
];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export function ApiKeysPanel({ keys }: { keys: ApiKeyView[] }) {
  const [created, create, creating] = useActionState<FormState, FormData>(createApiKeyAction, {});
  const [result, setResult] = useState<FormState>({});
  const [pending, start] = useTransition();

  return (
    <Card
      title="API keys"
      description="Keys let scripts and other tools use this organization through the API. Each acts as the member who created it."
    >
      <form action={create} className="space-y-3" aria-label="Create an API key">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Name"
            name="name"
            required
            maxLength={100}
            defaultValue={created.values?.name}
            error={created.fields?.name}
            placeholder="e.g. Newsletter importer"
          />
          <SelectField
            label="Expires"
            name="expires"
            defaultValue={created.values?.expires ?? "never"}
            error={created.fields?.expires ?? created.fields?.expiresAt}
          >
            <option value="never">Never</option>
            <option value="7">In 7 days</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
          </SelectField>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <div className="mt-1 space-y-1">
            {SCOPES.map((s) => (
              <label key={s.id} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="scopes" value={s.id} defaultChecked={s.id === "read"} className="mt-0.5" />
                <span>
                  <span className="font-mono">{s.label}</span> <span className="text-slate-500">— {s.hint}</span>
                </span>
              </label>
            ))}
          </div>
          {created.fields?.scopes && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {created.fields.scopes}
            </p>
          )}
        </fieldset>
        <Button type="submit" disabled={creating}>
          Create key
        </Button>
      </form>
      {created.error && (
        <div className="mt-3">
          <Alert>{created.error}</Alert>
        </div>
      )}
      {created.ok && created.message && (
        <div className="mt-4 space-y-1 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="new-api-key">
          <label htmlFor="new-api-key" className="text-sm font-medium">
            Your new key. Copy it now: it will not be shown again.
          </label>
          <div className="flex gap-2">
            <input
              id="new-api-key"
              readOnly
              value={created.message}
              onFocus={(e) => e.currentTarget.select()}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
            />
            <Button type="button" variant="secondary" onClick={() => navigator.clipboard?.writeText(created.message!)}>
              Copy
            </Button>
          </div>
        </div>
      )}

      {result.error && (
        <div className="mt-3">
          <Alert>{result.error}</Alert>
        </div>
      )}
      {keys.length === 0 ? (
        <p className="mt-6 text-sm text-slate-500">No API keys yet.</p>
      ) : (
        <ScrollBox label="API keys" className="mt-6">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 font-medium">Key</th>
                <th className="py-2 font-medium">Scopes</th>
                <th className="py-2 font-medium">Created</th>
                <th className="py-2 font-medium">Last used</th>
                <th className="py-2 font-medium">Expires</th>
                <th className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((k) => (
                <tr key={k.id} data-testid="api-key-row" className={k.state === "active" ? "" : "text-slate-400"}>
                  <td className="py-2.5">
                    <p className="font-medium">{k.name}</p>
                    <p className="font-mono text-xs text-slate-500">{k.prefix}…</p>
                  </td>
                  <td className="py-2.5 font-mono text-xs">{k.scopes.join(" ")}</td>
                  <td className="py-2.5 text-xs">
                    {when(k.createdAt)}
                    <br />
                    by {k.createdBy.name ?? k.createdBy.email}
                  </td>
                  <td className="py-2.5 text-xs">{k.lastUsedAt ? when(k.lastUsedAt) : "Never"}</td>
                  <td className="py-2.5 text-xs">{k.expiresAt ? when(k.expiresAt) : "Never"}</td>
                  <td className="py-2.5 text-right">
                    {k.state === "active" ? (
                      <Button
                        variant="danger"
                        disabled={pending}
                        aria-label={`Revoke ${k.name}`}
                        onClick={() => start(async () => setResult(await revokeApiKeyAction(k.id)))}
                      >
                        Revoke
                      </Button>
                    ) : (
                      <span className="text-xs font-medium uppercase" data-testid="api-key-state">
                        {k.state}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </Card>
  );
}
