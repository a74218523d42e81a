"use client";
import { useActionState, useState } from "react";
import { createEndpointAction, updateEndpointAction } from "@/app/(app)/settings/webhooks/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { FormState } from "@/lib/forms";
import { EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { SecretBox } from "./secret-box";

export type ChannelChoice = { id: string; name: string; provider: string };
export type EndpointFields = { id: string; url: string; description: string; events: string[]; channelIds: string[] };

/** Adds an endpoint (then shows its secret once) or edits one. */
export function EndpointForm({ channels, endpoint }: { channels: ChannelChoice[]; endpoint?: EndpointFields }) {
  const [state, submit, pending] = useActionState<FormState, FormData>(endpoint ? updateEndpointAction : createEndpointAction, {});
  const [chosen, setChosen] = useState(!!endpoint?.events.length);
  const created = !endpoint && state.ok ? state.message : undefined;
  return (
    <form action={submit} noValidate className="space-y-4" aria-label={endpoint ? "Edit endpoint" : "Add endpoint"}>
      {created && (
        <Alert tone="success">
          <p className="font-medium">
            Endpoint added. Copy its signing secret now: it is not shown again here (admins can reveal it on the endpoint&apos;s page).
          </p>
          <SecretBox secret={created} />
          <a className="mt-2 inline-block underline" href={`/settings/webhooks/${state.values?.id}`}>
            Open the endpoint
          </a>
        </Alert>
      )}
      {endpoint && state.ok && state.message && <Alert tone="success">{state.message}</Alert>}
      {state.error && <Alert>{state.error}</Alert>}
      {endpoint && <input type="hidden" name="id" value={endpoint.id} />}
      <TextField
        label="Endpoint URL"
        name="url"
        type="url"
        placeholder="https://example.com/webhooks/postmill"
        defaultValue={state.fields ? state.values?.url : endpoint?.url}
        key={`url-${created ?? ""}`}
        error={state.fields?.url}
        hint="Postmill POSTs signed JSON here (https)."
      />
      <TextField
        label="Description"
        name="description"
        defaultValue={state.fields ? state.values?.description : endpoint?.description}
        key={`desc-${created ?? ""}`}
        error={state.fields?.description}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="eventsMode" value="all" checked={!chosen} onChange={() => setChosen(false)} /> All events
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="eventsMode" value="chosen" checked={chosen} onChange={() => setChosen(true)} /> Only these:
        </label>
        {chosen && (
          <div className="grid gap-1 pl-6 sm:grid-cols-2">
            {WEBHOOK_EVENTS.map((e) => (
              <label key={e} className="flex items-start gap-2 text-sm" title={EVENT_LABELS[e]}>
                <input type="checkbox" name="events" value={e} defaultChecked={endpoint?.events.includes(e)} className="mt-1" />
                <span>
                  <code>{e}</code>
                  <span className="block text-xs text-slate-500">{EVENT_LABELS[e]}</span>
                </span>
              </label>
            ))}
          </div>
        )}
        {(state.fields?.events || state.fields?.["events.0"]) && (
          <p role="alert" className="text-sm text-red-700">
            {state.fields.events ?? state.fields["events.0"]}
          </p>
        )}
      </fieldset>
      {channels.length > 0 && (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">Channels</legend>
          <p className="text-xs text-slate-500">Tick none for events about every channel.</p>
          <div className="grid gap-1 sm:grid-cols-2">
            {channels.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="channelIds" value={c.id} defaultChecked={endpoint?.channelIds.includes(c.id)} />
                {c.name} <span className="text-xs text-slate-500">({c.provider})</span>
              </label>
            ))}
          </div>
          {state.fields?.channelIds && (
            <p role="alert" className="text-sm text-red-700">
              {state.fields.channelIds}
            </p>
          )}
        </fieldset>
      )}
      <Button type="submit" disabled={pending}>
        {endpoint ? "Save endpoint" : "Add endpoint"}
      </Button>
    </form>
  );
}
