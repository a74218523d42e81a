"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ChannelLabel } from "@/components/channels/channel-label";
import { api } from "@/lib/client/api";
import { channelLabel } from "@/lib/channels/label";
import { Alert } from "@/components/ui/alert";
import { useToast } from "@/components/ui/toast";
import { channelItems, channelProblems, fitGlobal, toPostBody } from "@/lib/composer/state";
import { EMPTY_ITEM_RULE } from "@/lib/posts/variant-rules";
import type { ComposerChannel, ComposerState, Descriptor, DraftItem } from "@/lib/composer/types";
import { ChannelPicker } from "./channel-picker";
import { withLinkCard } from "@/lib/composer/link-card";
import { ItemMedia } from "./item-media";
import { ItemsEditor } from "./items-editor";
import { AddToQueue } from "./add-to-queue";
import { ScheduleBar, type SubmitMode } from "./schedule-bar";
import { ChannelPanel, Tab } from "./channel-panel";
import { SetBar } from "./set-bar";
import { SignatureMenu, type SignatureItem } from "./signature-menu";
import type { SetView } from "@/lib/sets/pick";
import { RepeatControl, repeatProblems } from "./repeat-control";
import { defaultRepeat, saveRequest } from "@/lib/composer/repeat";
import type { StoredRule } from "@/lib/recurrence/rule";
import { inSeriesZone, scheduleZone, type PickerGroup } from "@/lib/composer/channel-search";
import { groupedCounters } from "./grouped-counters";
import { GroupedPreviews } from "./grouped-previews";
import { useComposerAutosave } from "./composer-autosave";
import { AutosavePrompt, AutosaveStatus } from "./autosave-status";

// The composer: pick channels, write once, customise any channel's variant, see each platform's
// preview and counters live, then schedule, post now or save a draft. The browser runs the same
// rule checks as the server, so what it blocks the server would refuse; server messages (keyed
// targets.N.…) are still shown against the channel they name.

type Props = {
  channels: ComposerChannel[];
  descriptors: Descriptor[];
  timeZone: string;
  initial: ComposerState;
  /** Channels of this post already published or in flight: shown, not editable. */
  locked?: { channelName: string; status: string; links: string[] }[];
  /** The organization's channel sets and signatures (set-bar.tsx, signature-menu.tsx). */
  sets?: SetView[];
  signatures?: SignatureItem[];
  /** The recurring series the edited post belongs to. */
  series?: { description: string; rule: StoredRule; lastError?: string | null } | null;
  /** The organization's channel groups (customers, brands): the picker's sections and their time zones. */
  groups?: PickerGroup[];
};

export function Composer({
  channels,
  descriptors,
  timeZone,
  initial,
  locked = [],
  sets = [],
  signatures = [],
  series = null,
  groups = [],
}: Props) {
  const router = useRouter();
  const toast = useToast();
  const byProvider = useMemo(() => new Map(descriptors.map((d) => [d.identifier, d])), [descriptors]);
  const byId = useMemo(() => new Map(channels.map((c) => [c.id, c])), [channels]);
  const [state, setState] = useState<ComposerState>(initial);
  const [repeat, setRepeat] = useState(() => defaultRepeat(initial.when, series?.rule));
  const [tab, setTab] = useState<string>("all");
  const [server, setServer] = useState<{ message: string; fields: Record<string, string> }>({ message: "", fields: {} });
  const saved = useComposerAutosave({
    initial,
    state,
    setState,
    repeat,
    setRepeat,
    series: !!series,
    timeZone,
    byId,
    byProvider,
  });

  const picked = state.picked.flatMap((id) => {
    const c = byId.get(id);
    const d = c && byProvider.get(c.provider);
    return c && d ? [{ c, d }] : [];
  });
  // What each channel sends (its variant, or the shared items fitted to it), worked out once per
  // render for the counters, the media checks and the previews.
  const sent = new Map(picked.map(({ c, d }) => [c.id, channelItems(state, c, d)]));
  const problems = new Map(picked.map(({ c, d }) => [c.id, channelProblems(state, c, d)]));
  const serverFor = (id: string) => {
    const i = state.picked.indexOf(id);
    return Object.fromEntries(
      Object.entries(server.fields).flatMap(([k, v]) =>
        k.startsWith(`targets.${i}.`) ? [[k.slice(`targets.${i}.`.length), v]] : k === `targets.${i}` ? [["channel", v]] : [],
      ),
    );
  };
  // An untouched empty post is not yet a mistake: it blocks saving but is only called out once
  // the user has written something or tried to save.
  const [tried, setTried] = useState(false);
  const started = tried || state.global.some((i) => i.text || i.media.length) || Object.keys(state.variants).length > 0;
  const shown = (list: Record<string, string>) =>
    started ? list : Object.fromEntries(Object.entries(list).filter(([, v]) => !v.endsWith(EMPTY_ITEM_RULE)));
  const allProblems = picked.flatMap(({ c }) => Object.values(problems.get(c.id) ?? {}));

  const update = (next: ComposerState) => {
    setState(next);
    if (server.message) setServer({ message: "", fields: {} });
  };
  const toggle = (id: string) => {
    const on = state.picked.includes(id);
    update({ ...state, picked: on ? state.picked.filter((x) => x !== id) : [...state.picked, id] });
    if (on && tab === id) setTab("all");
  };
  const setMany = (ids: string[], on: boolean) => {
    const picked = on ? [...new Set([...state.picked, ...ids])] : state.picked.filter((x) => !ids.includes(x));
    update({ ...state, picked });
    if (!picked.includes(tab)) setTab("all");
  };
  // Every picked channel in one group with a zone: the post is planned in that zone (schedule-bar.tsx).
  const zone = scheduleZone(state.picked, groups, timeZone);
  const setGlobal = (global: DraftItem[]) => update({ ...state, global });
  const setVariant = (id: string, items: DraftItem[] | undefined) => {
    const variants = { ...state.variants };
    if (items) variants[id] = items;
    else delete variants[id];
    update({ ...state, variants });
  };

  async function submit(mode: SubmitMode, publishAt: string | undefined) {
    setTried(true);
    const body = toPostBody(state, mode, publishAt, byId, byProvider);
    const into = await saved.submitTarget(mode, repeat.on);
    try {
      const req = inSeriesZone(saveRequest(into.postId, !!series, repeat, body), zone.group ? zone.timeZone : null);
      const { post } = await api<{ post: { id: string } }>(req.url, { method: req.method, body: JSON.stringify(req.body) });
      await saved.submitted(true, into.dropDraft);
      // The calendar announces the outcome (it reads `saved`), so the message survives the move.
      router.push(`/calendar?post=${post.id}&saved=${mode}`);
      router.refresh();
      return true;
    } catch (e) {
      const err = e as Error & { fields?: Record<string, string> };
      setServer({ message: err.fields ? "The post was not saved. Fix the problems below." : err.message, fields: err.fields ?? {} });
      toast("The post was not saved.", "error");
      await saved.submitted(false);
      return false;
    }
  }

  // Counters under an item: one line per platform and text among the channels that send it.
  const counters = (channelIds: string[]) => groupedCounters(channelIds, { byId, byProvider, sent });
  const errorsAt = (id: string) => (i: number) => {
    const all = { ...shown(problems.get(id) ?? {}), ...serverFor(id) };
    return Object.fromEntries(
      Object.entries(all).flatMap(([k, v]) => (k.startsWith(`items.${i}.`) ? [[k.slice(`items.${i}.`.length), v]] : [])),
    );
  };

  const globalChannels = picked.filter(({ c }) => !state.variants[c.id]);
  /** Every channel's problems with a shared item, each message kept (keys get "@channel"). */
  const globalErrors = (i: number) =>
    Object.fromEntries(globalChannels.flatMap(({ c }) => Object.entries(errorsAt(c.id)(i)).map(([k, v]) => [`${k}@${c.id}`, v])));
  const pollRulesOf = (list: { d: Descriptor }[]) => list.flatMap(({ d }) => (d.polls ? [d.polls] : []));
  const maxFollow = Math.max(0, ...globalChannels.map(({ d }) => d.threads?.maxItems ?? 0));
  const active = picked.find(({ c }) => c.id === tab);

  return (
    <form className="space-y-6" aria-label="Compose a post" onSubmit={(e) => e.preventDefault()}>
      {server.message && <Alert>{server.message}</Alert>}
      <AutosavePrompt view={saved.view} timeZone={timeZone} />
      {locked.length > 0 && (
        <Alert tone="info">Already sent, not editable: {locked.map((l) => `${l.channelName}: ${l.status}`).join("; ")}.</Alert>
      )}
      <SetBar sets={sets} state={state} update={update} channels={byId} descriptors={byProvider} />
      <ChannelPicker
        channels={channels}
        picked={state.picked}
        groups={groups}
        toggle={toggle}
        setMany={setMany}
        problems={(id) => Object.keys(shown(problems.get(id) ?? {})).length}
      />
      {server.fields.targets && (
        <p role="alert" className="text-sm text-red-700">
          {server.fields.targets}
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-label="Editor" className="space-y-4">
          <SignatureMenu
            signatures={signatures}
            editing={active ? [active.c] : globalChannels.map(({ c }) => c)}
            picked={picked.map(({ c }) => c)}
          />
          <div
            role="tablist"
            aria-label="Variants"
            className="flex flex-wrap gap-1 border-b border-slate-200"
            onKeyDown={(e) => {
              // Arrow keys move between tabs (the ARIA tabs pattern); Tab moves on into the panel.
              const ids = ["all", ...picked.map(({ c }) => c.id)];
              const at = ids.indexOf(active ? tab : "all");
              const to =
                e.key === "ArrowRight"
                  ? at + 1
                  : e.key === "ArrowLeft"
                    ? at - 1
                    : e.key === "Home"
                      ? 0
                      : e.key === "End"
                        ? ids.length - 1
                        : null;
              if (to === null) return;
              e.preventDefault();
              const next = ids[(to + ids.length) % ids.length]!;
              setTab(next);
              requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
            }}
          >
            <Tab id="all" current={active ? tab : "all"} onSelect={setTab} label="All channels" />
            {picked.map(({ c }) => (
              <Tab
                key={c.id}
                id={c.id}
                current={active ? tab : "all"}
                onSelect={setTab}
                label={<ChannelLabel channel={c} />}
                name={channelLabel(c)}
                badge={state.variants[c.id] ? "custom" : undefined}
                bad={Object.keys(shown(problems.get(c.id) ?? {})).length > 0}
              />
            ))}
          </div>

          {tab === "all" || !active ? (
            <div role="tabpanel" aria-label="All channels" className="space-y-3">
              {picked.length > 0 && globalChannels.length === 0 && (
                <p className="text-sm text-slate-600">Every picked channel has its own text; edit them in their tabs.</p>
              )}
              {[...new Set(globalChannels.flatMap(({ c, d }) => fitGlobal(state.global, c, d).notes))].map((n) => (
                <p key={n} className="text-xs text-amber-800">
                  {n}
                </p>
              ))}
              <ItemsEditor
                idPrefix="global"
                items={state.global}
                onChange={setGlobal}
                editor="normal"
                followUps={
                  maxFollow > 0
                    ? { word: globalChannels.every(({ d }) => d.threads?.kind === "comments") ? "comments" : "replies", max: maxFollow }
                    : null
                }
                pollRules={pollRulesOf(globalChannels)}
                askQuestion={false}
                counters={counters(globalChannels.map(({ c }) => c.id))}
                errors={globalErrors}
                media={(i, item, set) => (
                  <ItemMedia
                    item={item}
                    set={set}
                    errors={globalErrors(i)}
                    channels={globalChannels
                      .filter(({ c }) => i < sent.get(c.id)!.length)
                      .map(({ c, d }) => ({ name: channelLabel(c), descriptor: d }))}
                  />
                )}
              />
            </div>
          ) : (
            <ChannelPanel
              key={active.c.id}
              channel={active.c}
              d={active.d}
              state={state}
              setVariant={(items) => setVariant(active.c.id, items)}
              setSettings={(v) => update({ ...state, settings: { ...state.settings, [active.c.id]: v } })}
              problems={{ ...shown(problems.get(active.c.id) ?? {}), ...serverFor(active.c.id) }}
              counters={counters([active.c.id])}
              errorsAt={errorsAt(active.c.id)}
            />
          )}
        </section>

        {/* Sticky on wide screens: the previews stay in view beside a long thread (previews taller than the
            window scroll with the page, as the grid is then as tall as they are). */}
        <aside aria-label="Previews" className="space-y-3 lg:sticky lg:top-4 lg:self-start">
          <h2 className="text-sm font-medium text-slate-700">Preview</h2>
          {picked.length === 0 && (
            <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-500">
              Pick a channel to see how the post will look there.
            </p>
          )}
          <GroupedPreviews picked={picked} sent={sent} onLinkCard={(id, i, choice) => update(withLinkCard(state, id, i, choice))} />
        </aside>
      </div>

      <RepeatControl
        value={repeat}
        onChange={setRepeat}
        series={series}
        when={state.when}
        serverErrors={Object.fromEntries(Object.entries(server.fields).filter(([k]) => k.startsWith("repeat")))}
      />
      <ScheduleBar
        when={state.when}
        setWhen={(when) => update({ ...state, when })}
        timeZone={zone.timeZone}
        zoneOf={zone.group}
        editing={!!state.postId}
        noChannels={picked.length === 0}
        problems={started ? allProblems : []}
        blocked={allProblems.length > 0 || Object.keys(repeatProblems(repeat, !!series)).length > 0}
        publishAtError={server.fields.publishAt}
        onSubmit={submit}
      />
      <AutosaveStatus view={saved.view} timeZone={timeZone} />
      {!state.postId && (
        <AddToQueue
          targets={() => toPostBody(state, "schedule", undefined, byId, byProvider).targets}
          blocked={picked.length === 0 || allProblems.length > 0}
          timeZone={timeZone}
          onRefused={(message, fields) => setServer({ message, fields })}
          beforeQueue={saved.beforeQueue}
          afterQueue={saved.afterQueue}
        />
      )}
    </form>
  );
}
