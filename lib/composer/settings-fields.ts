// Turns a provider's settings schema (JSON Schema from its zod settings, sent in the descriptor)
// into form fields, and checks values the way the form can before the server's own check: required
// fields, choices, patterns, lengths and list sizes, each message naming the field and the rule.

type JsonSchema = {
  type?: string;
  title?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** Our own keys from the zod .meta() (providers/core/settings-labels.ts). */
  optionLabels?: Record<string, string>;
  emptyLabel?: string;
  /** "channel": the choices are read from the channel (GET /api/channels/<id>/choices/<key>). */
  choices?: string;
  /** Shown only while another setting has one of these values (an event's dates, an offer's coupon). */
  showWhen?: ShowWhen;
};

/** A field that applies only while `field` is one of `in` (its default counting when unset). */
export type ShowWhen = { field: string; in: string[] };

export type SettingsOption = { value: string; label: string };

export type SettingsField = SettingsFieldKind & { showWhen?: ShowWhen };

type SettingsFieldKind =
  | {
      key: string;
      label: string;
      help?: string;
      required: boolean;
      kind: "select";
      options: SettingsOption[];
      emptyLabel?: string;
      defaultValue?: string;
    }
  | {
      key: string;
      label: string;
      help?: string;
      required: boolean;
      kind: "text";
      pattern?: string;
      maxLength?: number;
      minLength?: number;
      defaultValue?: string;
    }
  | { key: string; label: string; help?: string; required: boolean; kind: "checkbox"; defaultValue?: boolean }
  | { key: string; label: string; help?: string; required: boolean; kind: "list"; pattern?: string; maxItems?: number }
  | { key: string; label: string; help?: string; required: boolean; kind: "fixed"; value: string; valueLabel: string }
  | {
      key: string;
      label: string;
      help?: string;
      required: boolean;
      /** Choices read from the channel: one (a string field) or several (an array of strings). */
      kind: "channel-choices";
      multiple: boolean;
      maxItems?: number;
      defaultValue?: string;
    };

const humanize = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .replace(/^./, (c) => c.toUpperCase());

/**
 * A text setting as typed: a field the user emptied is not set (absent), not "": an optional canonical
 * URL or slug the user cleared must not be refused by the platform's URL or pattern rule.
 */
export function textSetting(typed: string): string | undefined {
  return typed === "" ? undefined : typed;
}

export function settingsFields(schema: unknown): SettingsField[] {
  const s = schema as JsonSchema | null;
  if (!s?.properties) return [];
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties).map(([key, p]): SettingsField => {
    const base = {
      key,
      label: p.title ?? p.description ?? humanize(key),
      help: p.title ? p.description : undefined,
      required: required.has(key),
      ...(p.showWhen ? { showWhen: p.showWhen } : {}),
    };
    const option = (v: unknown): SettingsOption => ({ value: String(v), label: p.optionLabels?.[String(v)] ?? humanize(String(v)) });
    if (p.choices === "channel")
      return p.type === "array"
        ? { ...base, kind: "channel-choices", multiple: true, maxItems: p.maxItems }
        : { ...base, kind: "channel-choices", multiple: false, defaultValue: p.default as string | undefined };
    if (p.const !== undefined) return { ...base, kind: "fixed", value: String(p.const), valueLabel: option(p.const).label };
    if (p.enum)
      return {
        ...base,
        kind: "select",
        options: p.enum.map(option),
        emptyLabel: p.emptyLabel,
        defaultValue: p.default as string | undefined,
      };
    if (p.type === "boolean") return { ...base, kind: "checkbox", defaultValue: p.default as boolean | undefined };
    if (p.type === "array") return { ...base, kind: "list", pattern: p.items?.pattern, maxItems: p.maxItems };
    return {
      ...base,
      kind: "text",
      pattern: p.pattern,
      maxLength: p.maxLength,
      minLength: p.minLength,
      defaultValue: p.default as string | undefined,
    };
  });
}

/** Whether a field applies to these values (a showWhen field only while its condition holds). */
export function isShown(f: SettingsField, fields: SettingsField[], values: Record<string, unknown>): boolean {
  if (!f.showWhen) return true;
  const on = fields.find((x) => x.key === f.showWhen!.field);
  const v = values[f.showWhen.field] ?? (on && "defaultValue" in on ? on.defaultValue : undefined);
  return v !== undefined && f.showWhen.in.includes(String(v));
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** Problems per field key; empty when the values would pass. */
export function checkSettings(fields: SettingsField[], values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    if (!isShown(f, fields, values)) continue;
    const v = values[f.key];
    if (isEmpty(v)) {
      if (f.required && f.kind !== "fixed" && f.kind !== "checkbox" && !("defaultValue" in f && f.defaultValue !== undefined))
        out[f.key] = `${f.label} is required`;
      continue;
    }
    if (f.kind === "select" && !f.options.some((o) => o.value === String(v)))
      out[f.key] = `${f.label} must be one of: ${f.options.map((o) => o.label).join(", ")}`;
    if (f.kind === "text") {
      const t = String(v);
      if (f.maxLength !== undefined && t.length > f.maxLength) out[f.key] = `${f.label} must be at most ${f.maxLength} characters`;
      else if (f.minLength !== undefined && t.length < f.minLength) out[f.key] = `${f.label} must be at least ${f.minLength} characters`;
      else if (f.pattern && !new RegExp(f.pattern, "u").test(t)) out[f.key] = `${f.label} is not in the expected format`;
    }
    // The choices themselves are the platform's to check (the form only offers what it listed).
    if (f.kind === "channel-choices" && f.multiple && Array.isArray(v) && f.maxItems !== undefined && v.length > f.maxItems)
      out[f.key] = `${f.label}: choose at most ${f.maxItems}`;
    if (f.kind === "list" && Array.isArray(v)) {
      if (f.maxItems !== undefined && v.length > f.maxItems) out[f.key] = `${f.label}: at most ${f.maxItems} entries`;
      const bad = f.pattern ? v.find((x) => !new RegExp(f.pattern!, "iu").test(String(x))) : undefined;
      if (bad !== undefined) out[f.key] = `${f.label}: "${bad}" is not in the expected format`;
    }
  }
  return out;
}

/** A channel-choices field's value as the list of chosen values (one or none for a single choice). */
export function chosenValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null || value === "" ? [] : [String(value)];
}

/**
 * The options to offer: the channel's choices, then each chosen value they lack (not loaded yet,
 * or gone from the platform since the post was written), kept so editing a post never drops it.
 */
export function choicesWithCurrent(choices: SettingsOption[], chosen: string[]): SettingsOption[] {
  const known = new Set(choices.map((c) => c.value));
  return [...choices, ...chosen.filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }))];
}

/**
 * Drops empty values so optional settings are omitted rather than sent as "", and, given the
 * fields, the values of fields not shown (an offer's coupon left behind when the type changed).
 */
export function cleanSettings(values: Record<string, unknown>, fields?: SettingsField[]): Record<string, unknown> {
  const hidden = new Set((fields ?? []).filter((f) => !isShown(f, fields!, values)).map((f) => f.key));
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => !isEmpty(v) && !hidden.has(k)));
}

/**
 * What a settings schema leaves unlabelled: fields without a title, choices without a label. The
 * form falls back to the raw key or value, which is a platform's API word; a test runs this over
 * every registered provider so a new platform cannot ship one.
 */
export function unlabelledSettings(schema: unknown): string[] {
  const s = schema as JsonSchema | null;
  const out: string[] = [];
  for (const [key, p] of Object.entries(s?.properties ?? {})) {
    if (!p.title?.trim()) out.push(`${key}: no title`);
    const values = p.enum ?? (p.const !== undefined ? [p.const] : []);
    for (const v of values) if (!p.optionLabels?.[String(v)]?.trim()) out.push(`${key}: no label for "${String(v)}"`);
  }
  return out;
}
