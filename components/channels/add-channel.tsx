"use client";
import { startConnectFlow } from "./navigate";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FieldsForm } from "./fields-form";
import { LinkCodeForm } from "./link-code-form";
import type { AuthKind } from "@/providers/core/manifest";
import { connectsWithForm, linksWithCode, type Channel, type Descriptor } from "./types";

// How each kind of connection reads on the platform's card.
const AUTH_LABEL: Record<AuthKind, string> = {
  oauth2: "Sign in",
  "oauth2-pick": "Sign in · then pick a page",
  fields: "Credentials form",
  bot: "Add the bot to a chat, then link it",
  "instance-oauth": "Sign in on your server",
};

/** Every registered platform, with how it connects; configured ones can be connected right here. */
export function AddChannel({ providers, onConnected }: { providers: Descriptor[]; onConnected: (c: Channel) => void }) {
  const [chosen, setChosen] = useState<Descriptor | null>(null);
  const [instance, setInstance] = useState("");
  const done = useCallback(
    (c: Channel) => {
      setChosen(null);
      onConnected(c);
    },
    [onConnected],
  );

  if (chosen && connectsWithForm(chosen)) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <h3 className="mb-3 text-sm font-semibold">Connect {chosen.name}</h3>
        {linksWithCode(chosen) ? (
          <LinkCodeForm provider={chosen} onCancel={() => setChosen(null)} onDone={done} />
        ) : (
          <FieldsForm provider={chosen} onCancel={() => setChosen(null)} onDone={done} />
        )}
      </div>
    );
  }
  if (chosen?.auth.kind === "instance-oauth") {
    const field = chosen.auth.instanceField;
    const go = (e: React.FormEvent) => {
      e.preventDefault();
      startConnectFlow(
        `/api/integrations/${chosen.identifier}/connect?instance=${encodeURIComponent(instance || field.defaultValue || "")}`,
      );
    };
    return (
      <form onSubmit={go} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-label={`Connect ${chosen.name}`}>
        <h3 className="text-sm font-semibold">Connect {chosen.name}</h3>
        <TextField
          label={field.label}
          name="instance"
          placeholder={field.placeholder}
          value={instance}
          onChange={(e) => setInstance(e.target.value)}
          hint="The server your account is on; you sign in there next."
        />
        <div className="flex gap-2">
          <Button type="submit">Continue to sign in</Button>
          <Button type="button" variant="secondary" onClick={() => setChosen(null)}>
            Cancel
          </Button>
        </div>
      </form>
    );
  }

  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Platforms">
      {providers.map((p) => (
        <li key={p.identifier} className="flex flex-col justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <div>
            <p className="font-medium">{p.name}</p>
            <p className="text-xs text-slate-500">{AUTH_LABEL[p.auth.kind]}</p>
            {p.availability?.status === "limited" && (
              <p className="mt-2 text-xs text-amber-800">
                <span className="font-medium">Limited: </span>
                {p.availability.reason}
              </p>
            )}
            {!p.configured && p.availability?.status !== "unavailable" && (
              <p className="mt-2 text-xs text-amber-800">Not configured: set {p.missingConfig.join(" and ")}</p>
            )}
          </div>
          {/* A platform that cannot be offered says why where the button would be. */}
          {p.availability?.status === "unavailable" ? (
            <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid={`unavailable-${p.identifier}`}>
              <span className="font-medium">Not available: </span>
              {p.availability.reason}
            </p>
          ) : (
            <Button
              variant="secondary"
              disabled={!p.configured}
              aria-label={`Connect ${p.name}`}
              onClick={() =>
                p.auth.kind === "oauth2" || p.auth.kind === "oauth2-pick"
                  ? startConnectFlow(`/api/integrations/${p.identifier}/connect`)
                  : setChosen(p)
              }
            >
              Connect
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
