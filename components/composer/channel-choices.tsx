"use client";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { FieldNotes } from "./field-notes";
import { choicesWithCurrent, chosenValues, type SettingsField, type SettingsOption } from "@/lib/composer/settings-fields";

// A settings field whose choices are the channel's own (a blog's categories, an account's boards),
// fetched from GET /api/channels/<id>/choices/<field> for the channel being edited: a select for
// one choice, checkboxes for several. The current value stays offered while the list loads, when
// it fails, and when the platform no longer lists it.

type Props = {
  f: Extract<SettingsField, { kind: "channel-choices" }>;
  id: string;
  channelId: string;
  label: string;
  value: unknown;
  set: (v: unknown) => void;
  error?: string;
};

export function ChannelChoices({ f, id, channelId, label, value, set, error }: Props) {
  const q = useQuery({
    queryKey: ["settings-choices", channelId, f.key],
    queryFn: () =>
      api<{ choices: SettingsOption[] }>(`/api/channels/${encodeURIComponent(channelId)}/choices/${encodeURIComponent(f.key)}`),
    staleTime: 5 * 60_000,
  });
  const chosen = chosenValues(value ?? f.defaultValue);
  const options = choicesWithCurrent(q.data?.choices ?? [], chosen);
  const statusId = `${id}-status`;
  const describedBy = [error ? `${id}-error` : f.help ? `${id}-help` : "", statusId].filter(Boolean).join(" ");
  const status = q.isPending ? (
    <p id={statusId} className="mt-1 text-xs text-slate-500" role="status">
      Loading the choices from this channel…
    </p>
  ) : q.error ? (
    <p id={statusId} className="mt-1 text-sm text-red-700" role="alert">
      Could not load the choices: {(q.error as Error).message}{" "}
      <button type="button" className="text-brand-700 underline" onClick={() => void q.refetch()}>
        Try again
      </button>
    </p>
  ) : q.data.choices.length === 0 ? (
    <p id={statusId} className="mt-1 text-xs text-slate-500" role="status">
      This channel has nothing to choose from yet.
    </p>
  ) : null;
  const notes = (
    <>
      {status}
      <FieldNotes id={id} help={f.help} error={error} />
    </>
  );

  if (f.multiple) {
    const toggle = (v: string, on: boolean) => set(on ? [...chosen, v] : chosen.filter((x) => x !== v));
    return (
      <fieldset id={id} aria-describedby={describedBy} aria-invalid={!!error} aria-busy={q.isFetching}>
        <legend className="block text-sm font-medium text-slate-700">{label}</legend>
        <div
          className={`mt-1 max-h-48 space-y-1 overflow-y-auto rounded-md border px-2 py-1.5 ${error ? "border-red-400" : "border-slate-300"}`}
        >
          {options.map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
              {o.label}
            </label>
          ))}
          {!options.length && <p className="text-xs text-slate-500">None</p>}
        </div>
        {notes}
      </fieldset>
    );
  }
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        className={`mt-1 block w-full rounded-md border px-2 py-1.5 text-sm ${error ? "border-red-400" : "border-slate-300"}`}
        value={chosen[0] ?? ""}
        onChange={(e) => set(e.target.value || undefined)}
        aria-invalid={!!error}
        aria-describedby={describedBy}
        aria-busy={q.isFetching}
      >
        <option value="">{f.required ? "Choose…" : "None"}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {notes}
    </div>
  );
}
