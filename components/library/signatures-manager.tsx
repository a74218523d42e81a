"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { SignatureItem } from "@/components/composer/signature-menu";
import { SignatureForm } from "./signature-form";
import { fieldText, type LibraryChannel } from "./types";

// The organization's signatures: add, edit, delete. Inserted from the composer's "Insert
// signature" menu, or added on save when marked automatic.

export function SignaturesManager({ signatures: initial, channels }: { signatures: SignatureItem[]; channels: LibraryChannel[] }) {
  const toast = useToast();
  const [list, setList] = useState(initial);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState("");
  const byId = new Map(channels.map((c) => [c.id, c]));
  const scope = (s: SignatureItem) =>
    [
      ...s.channelIds.map((id) => byId.get(id)?.name ?? id),
      ...s.providers.map((p) => `all of ${channels.find((c) => c.provider === p)?.providerName ?? p}`),
    ].join(", ") || "every channel";
  const sorted = (l: SignatureItem[]) => [...l].sort((a, b) => a.name.localeCompare(b.name));

  async function remove(s: SignatureItem) {
    if (!window.confirm(`Delete the signature "${s.name}"? Posts already saved keep their text.`)) return;
    try {
      await api(`/api/signatures/${s.id}`, { method: "DELETE" });
      setList(list.filter((x) => x.id !== s.id));
      toast(`Signature "${s.name}" deleted.`);
    } catch (e) {
      setError(fieldText(e));
    }
  }

  return (
    <Card title="Signatures" description="Reusable text for the end of your posts, inserted from the composer or added automatically.">
      <ul className="divide-y divide-slate-100">
        {list.map((s) => (
          <li key={s.id} className="py-3" data-testid="signature-row">
            {editing === s.id ? (
              <SignatureForm
                signature={s}
                channels={channels}
                onCancel={() => setEditing(null)}
                onSaved={(next) => {
                  setList(sorted(list.map((x) => (x.id === next.id ? next : x))));
                  setEditing(null);
                  toast(`Signature "${next.name}" saved.`);
                }}
              />
            ) : (
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {s.name} {s.auto && <span className="rounded bg-brand-50 px-1.5 text-xs text-brand-700">automatic</span>}
                  </p>
                  <p className="whitespace-pre-wrap text-sm text-slate-700">{s.body}</p>
                  <p className="text-xs text-slate-500">Applies to {scope(s)}</p>
                </div>
                <div className="flex gap-2">
                  <Button type="button" variant="secondary" onClick={() => setEditing(s.id)}>
                    Edit
                  </Button>
                  <Button type="button" variant="danger" onClick={() => void remove(s)}>
                    Delete
                  </Button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="mt-4 border-t border-slate-100 pt-4">
        <h3 className="mb-2 text-sm font-semibold text-slate-900">New signature</h3>
        <SignatureForm
          channels={channels}
          onSaved={(s) => {
            setList(sorted([...list, s]));
            toast(`Signature "${s.name}" added.`);
          }}
        />
      </div>
    </Card>
  );
}
