"use client";
import { useState } from "react";
import { ChannelLabel } from "@/components/channels/channel-label";
import type { Channel } from "@/components/channels/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api, ApiError } from "@/lib/client/api";
import type { Slot } from "@/lib/schedules/slots";
import type { ChannelSchedule } from "@/lib/schedules/store";
import { SlotEditor } from "./slot-editor";

// Posting schedules: pick one channel (Edit) or several (checkboxes), set weekly slots in a time
// zone, pause the queue or keep gaps, and save the same schedule to every picked channel.

type Props = { channels: Channel[]; initial: ChannelSchedule[]; userTimeZone: string | null };

export function SchedulesView({ channels, initial, userTimeZone }: Props) {
  const [schedules, setSchedules] = useState(initial);
  const [picked, setPicked] = useState<string[]>([]);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [zoneTyped, setTimeZone] = useState("");
  // Without a zone in the profile, the browser's own is the default (the editor only renders after a click, in the browser).
  const timeZone = zoneTyped || userTimeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [paused, setPaused] = useState(false);
  const [closeGaps, setCloseGaps] = useState(true);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [saved, setSaved] = useState("");
  const byChannel = new Map(schedules.map((s) => [s.channelId, s]));

  const edit = (id: string) => {
    const s = byChannel.get(id);
    setPicked([id]);
    setSlots(s?.slots ?? []);
    setTimeZone(s?.timeZone ?? "");
    setPaused(s?.paused ?? false);
    setCloseGaps(s?.closeGaps ?? true);
    setSaved("");
  };
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  async function save() {
    setError(null);
    setSaved("");
    try {
      const res = await api<{ schedules: ChannelSchedule[] }>("/api/schedules", {
        method: "PUT",
        body: JSON.stringify({ channelIds: picked, timeZone, slots, paused, closeGaps }),
      });
      setSchedules((all) => [...all.filter((s) => !picked.includes(s.channelId)), ...res.schedules]);
      setSaved(`Saved for ${picked.length} channel${picked.length === 1 ? "" : "s"}.`);
    } catch (e) {
      setError({ message: (e as Error).message, fields: e instanceof ApiError ? (e.fields ?? {}) : {} });
    }
  }

  return (
    <div className="space-y-6">
      <section aria-label="Channels" className="rounded-lg border border-slate-200 bg-white">
        <ul className="divide-y divide-slate-100">
          {channels.map((c) => {
            const s = byChannel.get(c.id);
            return (
              <li key={c.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="schedule-row">
                <input type="checkbox" aria-label={`Pick ${c.name}`} checked={picked.includes(c.id)} onChange={() => toggle(c.id)} />
                <ChannelLabel channel={c} />
                <span className="text-sm text-slate-600">
                  {s ? `${s.slots.length} slot${s.slots.length === 1 ? "" : "s"} a week, ${s.timeZone}` : "No schedule"}
                  {s?.paused && <strong className="ml-2 text-amber-700">Queue paused</strong>}
                </span>
                <Button variant="secondary" className="ml-auto" onClick={() => edit(c.id)} aria-label={`Edit the schedule of ${c.name}`}>
                  Edit
                </Button>
              </li>
            );
          })}
        </ul>
      </section>

      {picked.length > 0 && (
        <section aria-label="Schedule editor" className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
          <h2 className="text-sm font-semibold">Schedule for {picked.map((id) => channels.find((c) => c.id === id)?.name).join(", ")}</h2>
          {error && <Alert>{error.message}</Alert>}
          {saved && <Alert tone="success">{saved}</Alert>}
          <label className="block text-sm">
            <span className="text-slate-600">Time zone</span>
            <input
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
              aria-invalid={!!error?.fields.timeZone}
              className="mt-1 block w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5"
            />
            <span className="text-xs text-slate-500">Slots stay at these local times across daylight-saving changes.</span>
          </label>
          <SlotEditor slots={slots} onChange={setSlots} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={paused} onChange={(e) => setPaused(e.target.checked)} />
            Pause the queue (“Add to queue” and evergreen skip these channels; posts already queued stay scheduled)
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={closeGaps} onChange={(e) => setCloseGaps(e.target.checked)} />
            Close gaps when a queued post is removed (later queued posts move up one slot)
          </label>
          <Button onClick={save}>Save schedule</Button>
        </section>
      )}
    </div>
  );
}
