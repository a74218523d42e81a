"use client";
import { channelLabel } from "@/lib/channels/label";
import { emptyItem, fitGlobal } from "@/lib/composer/state";
import type { ComposerChannel, ComposerState, Descriptor, DraftItem } from "@/lib/composer/types";
import { rulesText } from "@/lib/composer/rules-text";
import { MediaReachNote } from "@/components/channels/media-reach-note";
import { ItemMedia } from "./item-media";
import { ItemsEditor } from "./items-editor";
import { SettingsForm } from "./settings-form";

// The composer's variant tabs and the panel behind each channel's tab: its customise/reset
// choice, items editor, settings form, rules and preview. composer.tsx holds the state.

export function Tab({
  id,
  current,
  onSelect,
  label,
  name,
  badge,
  bad,
}: {
  id: string;
  current: string;
  onSelect: (id: string) => void;
  label: React.ReactNode;
  name?: string;
  badge?: string;
  bad?: boolean;
}) {
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={current === id}
      tabIndex={current === id ? 0 : -1}
      onClick={() => onSelect(id)}
      className={`-mb-px inline-flex items-center rounded-t-md border px-3 py-1.5 text-sm ${current === id ? "border-slate-200 border-b-white bg-white font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
    >
      {/* The drawn label is for the eye; its words (platform, handle, server) are what assistive technology reads. */}
      {name ? (
        <>
          <span aria-hidden="true" className="inline-flex">
            {label}
          </span>
          <span className="sr-only">{name}</span>
        </>
      ) : (
        label
      )}
      {badge && <span className="ml-1 rounded bg-brand-100 px-1 text-xs text-brand-700">{badge}</span>}
      {bad && (
        <span className="ml-1 text-red-600" aria-label="has problems">
          ●
        </span>
      )}
    </button>
  );
}

type PanelProps = {
  channel: ComposerChannel;
  d: Descriptor;
  state: ComposerState;
  setVariant: (items: DraftItem[] | undefined) => void;
  setSettings: (v: Record<string, unknown>) => void;
  problems: Record<string, string>;
  counters: (i: number) => React.ReactNode;
  errorsAt: (i: number) => Record<string, string>;
};

export function ChannelPanel({ channel, d, state, setVariant, setSettings, problems, counters, errorsAt }: PanelProps) {
  const variant = state.variants[channel.id];
  const who = channelLabel(channel);
  const fitted = fitGlobal(state.global, channel, d);
  const settingsErrors = Object.fromEntries(
    Object.entries(problems).flatMap(([k, v]) => (k.startsWith("settings.") ? [[k.slice(9), v]] : [])),
  );
  const other = Object.entries(problems)
    .filter(([k]) => k === "items" || k === "channel")
    .map(([, v]) => v);
  return (
    <div role="tabpanel" aria-label={`${who} variant`} className="space-y-4">
      <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600" data-testid="provider-rules">
        <span className="font-medium text-slate-800">{d.name} rules: </span>
        {rulesText(d, channel.maxLength ?? d.maxLength)}
      </p>
      <MediaReachNote provider={d} />
      {channel.quotaNote && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800" data-testid="quota-note">
          {channel.quotaNote}
        </p>
      )}
      {other.map((m) => (
        <p key={m} role="alert" className="text-sm text-red-700">
          {m}
        </p>
      ))}
      {variant ? (
        <>
          <div className="flex items-center justify-between">
            <p className="text-sm text-slate-600">{who} has its own text.</p>
            <button type="button" className="text-sm text-brand-700 underline" onClick={() => setVariant(undefined)}>
              Reset to the text for all channels
            </button>
          </div>
          <ItemsEditor
            idPrefix={`v-${channel.id}`}
            items={variant}
            onChange={(items) => setVariant(items.length ? items : [emptyItem()])}
            editor={d.editor}
            followUps={d.threads ? { word: d.threads.kind, max: d.threads.maxItems } : null}
            pollRules={d.polls ? [d.polls] : []}
            askQuestion={d.editor === "poll"}
            counters={counters}
            errors={errorsAt}
            media={(i, item, set) => <ItemMedia item={item} set={set} errors={errorsAt(i)} channels={[{ name: who, descriptor: d }]} />}
          />
        </>
      ) : (
        <div className="space-y-2 rounded-md border border-dashed border-slate-300 p-3">
          <p className="text-sm text-slate-700">{who} uses the text for all channels.</p>
          {fitted.notes.map((n) => (
            <p key={n} className="text-xs text-amber-800">
              {n}
            </p>
          ))}
          <ul className="flex flex-wrap gap-x-4 text-xs" aria-label="Length per item">
            {fitted.items.map((_, i) => (
              <li key={i}>
                <span className="text-slate-600">
                  {i === 0 ? "Post" : `${d.threads?.kind === "comments" ? "Comment" : "Reply"} ${i}`}:{" "}
                </span>
                {counters(i)}
              </li>
            ))}
          </ul>
          {fitted.items
            .flatMap((_, i) => Object.values(errorsAt(i)))
            .map((m) => (
              <p key={m} role="alert" className="text-sm text-red-700">
                {m}
              </p>
            ))}
          <button
            type="button"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50"
            onClick={() => setVariant(structuredClone(fitted.items))}
          >
            Customise for {who}
          </button>
        </div>
      )}
      <section aria-label={`${d.name} settings`} className="space-y-2">
        <h3 className="text-sm font-medium text-slate-700">{d.name} settings</h3>
        <SettingsForm
          idPrefix={`s-${channel.id}`}
          channelId={channel.id}
          schema={d.settingsSchema}
          values={state.settings[channel.id] ?? {}}
          onChange={setSettings}
          errors={settingsErrors}
        />
      </section>
    </div>
  );
}
