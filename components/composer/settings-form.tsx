"use client";
import { isShown, settingsFields, textSetting, type SettingsField } from "@/lib/composer/settings-fields";
import { ChannelChoices } from "./channel-choices";
import { FieldNotes } from "./field-notes";

// A channel's per-post settings, generated from its provider's settings schema, so a new platform
// gets its form (title, board, subreddit, privacy…) without composer code.

type Props = {
  idPrefix: string;
  /** The channel being edited: fields with choices read from the channel fetch them for it. */
  channelId: string;
  schema: unknown;
  values: Record<string, unknown>;
  onChange: (v: Record<string, unknown>) => void;
  errors: Record<string, string>;
};

const input = "mt-1 block w-full rounded-md border px-2 py-1.5 text-sm";

export function SettingsForm({ idPrefix, channelId, schema, values, onChange, errors }: Props) {
  const fields = settingsFields(schema);
  if (!fields.length) return <p className="text-sm text-slate-500">This platform has no per-post settings.</p>;
  const set = (key: string, v: unknown) => onChange({ ...values, [key]: v });
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {fields
        .filter((f) => isShown(f, fields, values))
        .map((f) => (
          <Field
            key={f.key}
            f={f}
            id={`${idPrefix}-${f.key}`}
            channelId={channelId}
            value={values[f.key]}
            set={(v) => set(f.key, v)}
            error={errors[f.key]}
          />
        ))}
    </div>
  );
}

type FieldProps = { f: SettingsField; id: string; channelId: string; value: unknown; set: (v: unknown) => void; error?: string };

function Field({ f, id, channelId, value, set, error }: FieldProps) {
  const label = `${f.label}${f.required ? " (required)" : ""}`;
  if (f.kind === "channel-choices")
    return <ChannelChoices f={f} id={id} channelId={channelId} label={label} value={value} set={set} error={error} />;
  const describedBy = error ? `${id}-error` : f.help ? `${id}-help` : undefined;
  const cls = `${input} ${error ? "border-red-400" : "border-slate-300"}`;
  let control;
  if (f.kind === "fixed")
    control = <input id={id} className={`${cls} bg-slate-50`} value={f.valueLabel} readOnly aria-describedby={describedBy} />;
  else if (f.kind === "select")
    control = (
      <select
        id={id}
        className={cls}
        value={String(value ?? f.defaultValue ?? "")}
        onChange={(e) => set(e.target.value || undefined)}
        aria-invalid={!!error}
        aria-describedby={describedBy}
      >
        {/* A field with a default shows it chosen; only one without offers "empty" (Everyone, or Choose… when required). */}
        {f.defaultValue === undefined && <option value="">{f.required ? "Choose…" : (f.emptyLabel ?? "Platform default")}</option>}
        {f.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  else if (f.kind === "checkbox")
    return (
      <div className="flex items-start gap-2 pt-5">
        <input
          id={id}
          type="checkbox"
          checked={Boolean(value ?? f.defaultValue)}
          onChange={(e) => set(e.target.checked)}
          aria-describedby={describedBy}
          className="mt-0.5"
        />
        <div>
          <label htmlFor={id} className="text-sm font-medium text-slate-700">
            {label}
          </label>
          {f.help && (
            <p id={`${id}-help`} className="text-xs text-slate-500">
              {f.help}
            </p>
          )}
        </div>
      </div>
    );
  else if (f.kind === "list")
    control = (
      <input
        id={id}
        className={cls}
        value={Array.isArray(value) ? value.join(", ") : ""}
        aria-invalid={!!error}
        aria-describedby={describedBy}
        onChange={(e) =>
          set(
            e.target.value
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          )
        }
      />
    );
  else
    control = (
      <input
        id={id}
        className={cls}
        value={String(value ?? "")}
        onChange={(e) => set(textSetting(e.target.value))}
        aria-invalid={!!error}
        aria-describedby={describedBy}
        maxLength={f.maxLength ? f.maxLength * 2 : undefined}
      />
    );
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {control}
      <FieldNotes id={id} help={f.help} error={error} />
    </div>
  );
}
