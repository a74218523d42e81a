"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import type { SignatureItem } from "@/components/composer/signature-menu";
import { ChannelChecks } from "./channel-checks";
import { fieldText, type LibraryChannel } from "./types";

// Adds or edits one signature: its text, whether it is added automatically, and the channels or
// platforms it is limited to (none of either: every channel).

type Props = {
  signature?: SignatureItem;
  channels: LibraryChannel[];
  onSaved: (s: SignatureItem) => void;
  onCancel?: () => void;
};

export function SignatureForm({ signature, channels, onSaved, onCancel }: Props) {
  const [name, setName] = useState(signature?.name ?? "");
  const [body, setBody] = useState(signature?.body ?? "");
  const [auto, setAuto] = useState(signature?.auto ?? false);
  const [channelIds, setChannelIds] = useState(signature?.channelIds ?? []);
  const [providers, setProviders] = useState(signature?.providers ?? []);
  const [error, setError] = useState("");
  const platforms = [...new Map(channels.map((c) => [c.provider, c.providerName])).entries()];
  const prefix = signature ? `signature-${signature.id}` : "signature-new";

  async function save() {
    try {
      const res = await api<{ signature: SignatureItem }>(signature ? `/api/signatures/${signature.id}` : "/api/signatures", {
        method: signature ? "PATCH" : "POST",
        body: JSON.stringify({ name, body, auto, channelIds, providers }),
      });
      onSaved(res.signature);
      setError("");
      if (!signature) {
        setName("");
        setBody("");
        setAuto(false);
        setChannelIds([]);
        setProviders([]);
      }
    } catch (e) {
      setError(fieldText(e));
    }
  }

  return (
    <div className="space-y-3" aria-label={signature ? `Edit ${signature.name}` : "New signature"} role="group">
      <label className="block text-sm" htmlFor={`${prefix}-name`}>
        <span className="font-medium text-slate-700">Signature name</span>
      </label>
      <input
        id={`${prefix}-name`}
        value={name}
        maxLength={80}
        onChange={(e) => setName(e.target.value)}
        className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
      />
      <label className="block text-sm font-medium text-slate-700" htmlFor={`${prefix}-body`}>
        Signature text
      </label>
      <textarea
        id={`${prefix}-body`}
        value={body}
        rows={3}
        maxLength={2000}
        onChange={(e) => setBody(e.target.value)}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />
        Add automatically to every post it applies to (when the post is saved)
      </label>
      <ChannelChecks legend="Only these channels (none: all)" channels={channels} chosen={channelIds} setChosen={setChannelIds} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Or every channel of these platforms</legend>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {platforms.map(([id, label]) => (
            <li key={id}>
              <label className="flex items-center gap-1.5 text-sm text-slate-800">
                <input
                  type="checkbox"
                  checked={providers.includes(id)}
                  onChange={(e) => setProviders(e.target.checked ? [...providers, id] : providers.filter((p) => p !== id))}
                />
                {label}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="button" onClick={() => void save()}>
          {signature ? "Save" : "Add signature"}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </div>
  );
}
