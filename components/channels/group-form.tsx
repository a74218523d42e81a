"use client";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/client/api";
import { channelLabel } from "@/lib/channels/label";
import { matchesChannel, type PickerGroup } from "@/lib/composer/channel-search";
import type { ComposerChannel } from "@/lib/composer/types";

// Creating or editing a channel group (a customer or brand): its name, the time zone its posts are
// planned in, and its channels. A channel is in one group at most, so one taken from another group
// says so. The server's refusals are shown beside the field they name.

export type GroupDraft = { name: string; timeZone: string; channelIds: string[] };

type Props = {
  initial?: PickerGroup;
  groups: PickerGroup[];
  channels: ComposerChannel[];
  onSave: (draft: GroupDraft) => Promise<void>;
  onCancel: () => void;
};

const zones = () => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"]);

export function GroupForm({ initial, groups, channels, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState<GroupDraft>({
    name: initial?.name ?? "",
    timeZone: initial?.timeZone ?? "",
    channelIds: initial?.channelIds ?? [],
  });
  const [query, setQuery] = useState("");
  const [errors, setErrors] = useState<{ message: string; fields: Record<string, string> }>({ message: "", fields: {} });
  const [busy, setBusy] = useState(false);
  const allZones = useMemo(() => {
    const list = zones();
    return draft.timeZone && !list.includes(draft.timeZone) ? [draft.timeZone, ...list] : list;
  }, [draft.timeZone]);
  const otherGroup = new Map(groups.filter((g) => g.id !== initial?.id).flatMap((g) => g.channelIds.map((id) => [id, g.name])));
  const id = initial?.id ?? "new";
  const channelErrors = Object.entries(errors.fields).filter(([k]) => k.startsWith("channelIds"));

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSave(draft);
    } catch (err) {
      setErrors({ message: (err as Error).message, fields: err instanceof ApiError ? (err.fields ?? {}) : {} });
      setBusy(false);
    }
  };
  const set = (ids: string[], on: boolean) =>
    setDraft((d) => ({ ...d, channelIds: on ? [...new Set([...d.channelIds, ...ids])] : d.channelIds.filter((x) => !ids.includes(x)) }));
  const shown = channels.filter((c) => matchesChannel(c, query));

  return (
    <form
      onSubmit={save}
      aria-label={initial ? `Edit ${initial.name}` : "New group"}
      className="space-y-3 rounded-md border border-slate-200 p-3"
    >
      {errors.message && !Object.keys(errors.fields).length && (
        <p role="alert" className="text-sm text-red-700">
          {errors.message}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-700">
            Group name
          </label>
          <input
            id={`${id}-name`}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            aria-invalid={!!errors.fields.name}
            aria-describedby={errors.fields.name ? `${id}-name-error` : undefined}
            className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
          {errors.fields.name && (
            <p id={`${id}-name-error`} role="alert" className="mt-1 text-sm text-red-700">
              name: {errors.fields.name}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${id}-zone`} className="block text-sm font-medium text-slate-700">
            Time zone
          </label>
          <select
            id={`${id}-zone`}
            value={draft.timeZone}
            onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
            aria-invalid={!!errors.fields.timeZone}
            aria-describedby={errors.fields.timeZone ? `${id}-zone-error` : undefined}
            className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">Each user&apos;s own</option>
            {allZones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          {errors.fields.timeZone && (
            <p id={`${id}-zone-error`} role="alert" className="mt-1 text-sm text-red-700">
              timeZone: {errors.fields.timeZone}
            </p>
          )}
        </div>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Channels ({draft.channelIds.length} in this group)</legend>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <input
            type="search"
            aria-label="Search channels to add"
            placeholder="Search by name, handle or platform"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="w-full max-w-xs rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          {query.trim() && shown.length > 0 && (
            <button
              type="button"
              className="text-sm text-brand-700 underline"
              onClick={() =>
                set(
                  shown.map((c) => c.id),
                  true,
                )
              }
            >
              Add all {shown.length} shown
            </button>
          )}
        </div>
        <ul className="mt-2 grid max-h-64 gap-1 overflow-y-auto sm:grid-cols-2">
          {shown.map((c) => (
            <li key={c.id}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={draft.channelIds.includes(c.id)} onChange={(e) => set([c.id], e.target.checked)} />
                <span className="truncate">{channelLabel(c)}</span>
                {otherGroup.has(c.id) && <span className="shrink-0 text-xs text-amber-800">(now in {otherGroup.get(c.id)})</span>}
              </label>
            </li>
          ))}
        </ul>
        {channelErrors.map(([k, v]) => (
          <p key={k} role="alert" className="mt-1 text-sm text-red-700">
            {k}: {v}
          </p>
        ))}
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : initial ? "Save group" : "Create group"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
