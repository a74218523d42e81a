"use client";
import { useState, useTransition } from "react";
import { addFeedAction, previewFeedAction, updateFeedAction } from "@/app/(app)/feeds/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { FeedPreview } from "@/lib/feeds/operations";
import { DEFAULT_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, type FeedChannel } from "@/lib/feeds/schemas";
import { DEFAULT_TEMPLATE, PLACEHOLDERS } from "@/lib/feeds/template";
import { FEED_MODE_LABELS, FEED_MODES, type FeedMode } from "@/lib/feeds/timing";
import type { FormState } from "@/lib/forms";
import { formatUtc } from "./format";

export type ChannelChoice = { id: string; name: string; providerName: string; status: string };
export type FeedFormValues = { template: string; channels: FeedChannel[]; mode: FeedMode; intervalMinutes: number };

const area =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** Adds a feed (feedId absent: URL, check, then save) or edits one's settings. */
export function FeedForm({
  channels,
  feedId,
  initial,
  onDone,
}: {
  channels: ChannelChoice[];
  feedId?: string;
  initial?: FeedFormValues;
  onDone: (message: string) => void;
}) {
  const [url, setUrl] = useState("");
  const [preview, setPreview] = useState<FeedPreview | null>(null);
  const [values, setValues] = useState<FeedFormValues>(
    initial ?? { template: DEFAULT_TEMPLATE, channels: [], mode: "now", intervalMinutes: DEFAULT_INTERVAL_MINUTES },
  );
  const [postLatest, setPostLatest] = useState(false);
  const [state, setState] = useState<FormState>({});
  const [pending, start] = useTransition();
  const fields = state.fields ?? {};
  const picked = (id: string) => values.channels.find((c) => c.channelId === id);
  const channelError = (id: string) => {
    const i = values.channels.findIndex((c) => c.channelId === id);
    return i < 0 ? undefined : (fields[`channels.${i}.channelId`] ?? fields[`channels.${i}.template`]);
  };

  const toggle = (id: string, on: boolean) =>
    setValues((v) => ({ ...v, channels: on ? [...v.channels, { channelId: id }] : v.channels.filter((c) => c.channelId !== id) }));
  const setChannelTemplate = (id: string, template: string) =>
    setValues((v) => ({ ...v, channels: v.channels.map((c) => (c.channelId === id ? { ...c, template } : c)) }));

  const check = () =>
    start(async () => {
      const res = await previewFeedAction({ url });
      setState(res.ok ? {} : res);
      setPreview(res.ok && res.result ? res.result : null);
    });
  const save = () =>
    start(async () => {
      const res = feedId ? await updateFeedAction(feedId, values) : await addFeedAction({ url, postLatest, ...values });
      setState(res);
      if (res.ok) {
        const posted = (res as { result?: { posted?: number } }).result?.posted;
        onDone(
          feedId ? "Feed saved" : posted ? "Feed added; its newest item was posted" : "Feed added; new items will be posted from now on",
        );
      }
    });

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {state.error && <Alert>{state.error}</Alert>}
      {!feedId && (
        <div className="space-y-2">
          <div className="flex items-end gap-2">
            <div className="flex-1">
              <TextField
                label="Feed address"
                name="url"
                type="url"
                placeholder="https://example.com/feed.xml"
                value={url}
                onChange={(e) => {
                  setUrl(e.target.value);
                  setPreview(null);
                }}
                error={fields.url}
              />
            </div>
            <Button type="button" variant="secondary" onClick={check} disabled={pending || !url.trim()}>
              Check feed
            </Button>
          </div>
          {preview && (
            <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="feed-preview">
              <p className="font-medium text-slate-900">{preview.title || "(untitled feed)"}</p>
              {preview.items.length ? (
                <ul className="mt-1 list-disc pl-5 text-slate-700">
                  {preview.items.map((i, n) => (
                    <li key={n}>
                      {i.title || i.link}
                      {i.publishedAt && <span className="text-slate-500"> · {formatUtc(i.publishedAt)}</span>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-slate-500">No items yet.</p>
              )}
            </div>
          )}
        </div>
      )}

      <div className="space-y-1">
        <label htmlFor="feed-template" className="block text-sm font-medium text-slate-700">
          Post template
        </label>
        <textarea
          id="feed-template"
          name="template"
          rows={4}
          className={area}
          value={values.template}
          onChange={(e) => setValues({ ...values, template: e.target.value })}
          aria-invalid={!!fields.template}
        />
        {fields.template ? (
          <p role="alert" className="text-sm text-red-700">
            {fields.template}
          </p>
        ) : (
          <p className="text-xs text-slate-500">
            Placeholders: {PLACEHOLDERS.map((p) => `{${p}}`).join(" ")}. The summary is plain text. A text too long for a channel is
            shortened at a word boundary (summary first, then title); the link is never cut.
          </p>
        )}
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Post to</legend>
        {channels.length === 0 && <p className="text-sm text-slate-500">Connect a channel on the Channels page first.</p>}
        {channels.map((c) => (
          <div key={c.id} className="space-y-1">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={!!picked(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
              {c.name} <span className="text-slate-500">({c.providerName})</span>
              {c.status !== "active" && <span className="text-amber-700">· {c.status}</span>}
            </label>
            {picked(c.id) && (
              <input
                aria-label={`Own template for ${c.name}`}
                className={`${area} ml-6 w-[calc(100%-1.5rem)]`}
                placeholder="Own template for this channel (optional)"
                value={picked(c.id)!.template ?? ""}
                onChange={(e) => setChannelTemplate(c.id, e.target.value)}
              />
            )}
            {channelError(c.id) && (
              <p role="alert" className="ml-6 text-sm text-red-700">
                {channelError(c.id)}
              </p>
            )}
          </div>
        ))}
        {fields.channels && (
          <p role="alert" className="text-sm text-red-700">
            {fields.channels}
          </p>
        )}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="New items are"
          name="mode"
          value={values.mode}
          onChange={(e) => setValues({ ...values, mode: e.target.value as FeedMode })}
          error={fields.mode}
        >
          {FEED_MODES.map((m) => (
            <option key={m} value={m}>
              {FEED_MODE_LABELS[m]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Check every (minutes)"
          name="intervalMinutes"
          type="number"
          min={MIN_INTERVAL_MINUTES}
          max={MAX_INTERVAL_MINUTES}
          value={String(values.intervalMinutes)}
          onChange={(e) => setValues({ ...values, intervalMinutes: Number(e.target.value) })}
          error={fields.intervalMinutes}
        />
      </div>
      {!feedId && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={postLatest} onChange={(e) => setPostLatest(e.target.checked)} />
          Also post the newest item now (otherwise only items published from now on are posted)
        </label>
      )}
      <Button type="submit" disabled={pending}>
        {feedId ? "Save feed" : "Add feed"}
      </Button>
    </form>
  );
}
