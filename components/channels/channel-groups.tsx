"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { channelLabel } from "@/lib/channels/label";
import type { PickerGroup } from "@/lib/composer/channel-search";
import type { ComposerChannel } from "@/lib/composer/types";
import { GroupForm, type GroupDraft } from "./group-form";

// Customers and brands: named groups of channels, each with the time zone its posts are planned
// in. The composer lays its channels out by these groups, and schedules in a group's zone when
// every picked channel is in it. (Channel sets, saved from the composer, are a different thing.)

type Props = { initialGroups: PickerGroup[]; initialChannels: ComposerChannel[] };

export function ChannelGroups({ initialGroups, initialChannels }: Props) {
  const [groups, setGroups] = useState(initialGroups);
  const [channels, setChannels] = useState(initialChannels);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState("");
  const byId = new Map(channels.map((c) => [c.id, c]));

  const open = async (id: string) => {
    // Channels connected since the page loaded can be assigned too.
    const fresh = await api<{ channels: ComposerChannel[] }>("/api/channels").catch(() => null);
    if (fresh) setChannels(fresh.channels);
    setEditing(id);
  };
  const saved = (g: PickerGroup) =>
    setGroups((list) => {
      // A channel is in one group at most: those of the saved group leave any other.
      const others = list
        .filter((x) => x.id !== g.id)
        .map((x) => ({ ...x, channelIds: x.channelIds.filter((id) => !g.channelIds.includes(id)) }));
      return [...others, g].sort((a, b) => a.name.localeCompare(b.name));
    });
  const save = (id: string | null) => async (draft: GroupDraft) => {
    const { group } = await api<{ group: PickerGroup }>(id ? `/api/channel-groups/${id}` : "/api/channel-groups", {
      method: id ? "PATCH" : "POST",
      body: JSON.stringify(draft),
    });
    saved(group);
    setEditing(null);
  };
  const remove = async (id: string) => {
    try {
      await api(`/api/channel-groups/${id}`, { method: "DELETE" });
      setGroups((list) => list.filter((g) => g.id !== id));
      setError("");
    } catch (e) {
      setError((e as Error).message);
    }
    setConfirm(null);
  };

  return (
    <section aria-labelledby="groups-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="groups-heading" className="text-base font-semibold">
            Customers and brands
          </h2>
          <p className="text-sm text-slate-600">Group channels by customer or brand, each with its own time zone.</p>
        </div>
        {editing !== "new" && (
          <Button variant="secondary" onClick={() => void open("new")}>
            New group
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {editing === "new" && <GroupForm groups={groups} channels={channels} onSave={save(null)} onCancel={() => setEditing(null)} />}
      {groups.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Channel groups">
          {groups.map((g) =>
            editing === g.id ? (
              <li key={g.id} className="p-3">
                <GroupForm initial={g} groups={groups} channels={channels} onSave={save(g.id)} onCancel={() => setEditing(null)} />
              </li>
            ) : (
              <li key={g.id} data-testid="group-row" className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <span className="font-medium text-slate-900">{g.name}</span>
                <span className="text-slate-600">{g.timeZone ?? "each user's time zone"}</span>
                <span
                  className="text-slate-600"
                  title={g.channelIds.map((id) => (byId.get(id) ? channelLabel(byId.get(id)!) : "")).join("\n")}
                >
                  {g.channelIds.length} channel{g.channelIds.length === 1 ? "" : "s"}
                </span>
                <span className="ml-auto flex gap-2">
                  {confirm === g.id ? (
                    <>
                      <span className="text-slate-700">Delete {g.name}? Its channels stay.</span>
                      <Button variant="danger" onClick={() => void remove(g.id)}>
                        Delete group
                      </Button>
                      <Button variant="ghost" onClick={() => setConfirm(null)}>
                        Keep
                      </Button>
                    </>
                  ) : (
                    <>
                      <Button variant="secondary" aria-label={`Edit ${g.name}`} onClick={() => void open(g.id)}>
                        Edit
                      </Button>
                      <Button variant="ghost" aria-label={`Delete ${g.name}`} onClick={() => setConfirm(g.id)}>
                        Delete
                      </Button>
                    </>
                  )}
                </span>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
