"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { SetView } from "@/lib/sets/pick";
import { ChannelChecks } from "./channel-checks";
import { fieldText, type LibraryChannel } from "./types";

// The organization's channel sets: rename, change the channels, delete. A set is created from the
// composer ("Save as set"), where its channels' default settings are chosen; a channel added here
// starts with none, and a channel kept keeps its settings.

export function SetsManager({ sets: initial, channels }: { sets: SetView[]; channels: LibraryChannel[] }) {
  const [sets, setSets] = useState(initial);
  return (
    <Card
      title="Channel sets"
      description="Saved selections of channels with their default settings; pick one in the composer in one click."
    >
      {sets.length === 0 ? (
        <p className="text-sm text-slate-600">
          No sets yet. In the composer, pick channels and choose <strong>Save as set</strong>.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {sets.map((s) => (
            <SetRow
              key={s.id}
              set={s}
              channels={channels}
              onSaved={(next) => setSets(sets.map((x) => (x.id === next.id ? next : x)))}
              onDeleted={() => setSets(sets.filter((x) => x.id !== s.id))}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

function SetRow({
  set,
  channels,
  onSaved,
  onDeleted,
}: {
  set: SetView;
  channels: LibraryChannel[];
  onSaved: (s: SetView) => void;
  onDeleted: () => void;
}) {
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(set.name);
  const [chosen, setChosen] = useState(set.channels.map((c) => c.channelId));
  const [error, setError] = useState("");

  async function save() {
    const kept = new Map(set.channels.map((c) => [c.channelId, c.settings]));
    try {
      const res = await api<{ set: SetView }>(`/api/channel-sets/${set.id}`, {
        method: "PATCH",
        body: JSON.stringify({ name, channels: chosen.map((channelId) => ({ channelId, settings: kept.get(channelId) ?? {} })) }),
      });
      onSaved(res.set);
      setEditing(false);
      setError("");
      toast(`Set "${res.set.name}" saved.`);
    } catch (e) {
      setError(fieldText(e));
    }
  }
  async function remove() {
    if (!window.confirm(`Delete the set "${set.name}"? Its channels stay connected.`)) return;
    try {
      await api(`/api/channel-sets/${set.id}`, { method: "DELETE" });
      onDeleted();
      toast(`Set "${set.name}" deleted.`);
    } catch (e) {
      setError(fieldText(e));
    }
  }

  return (
    <li className="space-y-2 py-3" data-testid="set-row">
      {editing ? (
        <>
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Name</span>
            <input
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.target.value)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5"
            />
          </label>
          <ChannelChecks legend="Channels" channels={channels} chosen={chosen} setChosen={setChosen} />
          <div className="flex gap-2">
            <Button type="button" onClick={() => void save()}>
              Save
            </Button>
            <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <p className="font-medium text-slate-900">{set.name}</p>
            <p className="text-sm text-slate-600">
              {set.channels.length === 0
                ? "No channels left (they were removed)."
                : set.channels.map((c) => `${c.name}${c.status === "active" ? "" : ` (${c.status.replace("_", " ")})`}`).join(", ")}
            </p>
          </div>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button type="button" variant="danger" onClick={() => void remove()}>
              Delete
            </Button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </li>
  );
}
