"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { AddChannel } from "./add-channel";
import { ChannelRow } from "./channel-row";
import type { Channel, Descriptor } from "./types";

const PICK_NOTICE = "Signed in. Now pick the page this channel should post as.";

type Props = {
  initialChannels: Channel[];
  providers: Descriptor[];
  flash: { error?: string; connected?: string; pick?: string };
  sandbox: boolean;
};

export function ChannelsView({ initialChannels, providers, flash, sandbox }: Props) {
  const [channels, setChannels] = useState(initialChannels);
  const [adding, setAdding] = useState(initialChannels.length === 0 && !flash.error);
  const [error, setError] = useState(flash.error ?? "");
  const [notice, setNotice] = useState(() => {
    const c = channels.find((x) => x.id === flash.connected);
    return c ? `Connected ${c.name}.` : flash.pick ? PICK_NOTICE : "";
  });
  const byId = new Map(providers.map((p) => [p.identifier, p]));
  const upsert = (c: Channel) =>
    setChannels((list) => (list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? c : x)) : [...list, c]));

  return (
    <div className="space-y-6">
      {sandbox && (
        <Alert tone="info">
          Sandbox mode: every platform is the built-in emulator, so you can connect and publish without real accounts.
        </Alert>
      )}
      {error && <Alert>{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="flex justify-end">
        <Button onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
          {adding ? "Close" : "Add channel"}
        </Button>
      </div>
      {adding && (
        <section aria-label="Add a channel" className="space-y-3">
          <h2 className="text-base font-semibold">Add a channel</h2>
          <AddChannel
            providers={providers}
            onConnected={(c) => {
              upsert(c);
              setAdding(false);
              setError("");
              // A form-connected account that manages several pages or blogs comes back pending: its row shows the picker.
              setNotice(c.status === "pending" ? PICK_NOTICE : `Connected ${c.name}.`);
            }}
          />
        </section>
      )}
      {channels.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
          No channels yet. Add one to start scheduling.
        </div>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Channels">
          {channels.map((c) => (
            <ChannelRow
              key={c.id}
              channel={c}
              provider={byId.get(c.provider)}
              onChanged={(x) => {
                upsert(x);
                setError("");
              }}
              onDeleted={(id) => setChannels((l) => l.filter((x) => x.id !== id))}
              onError={setError}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
