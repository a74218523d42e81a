"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { ComposerChannel, ComposerState, Descriptor } from "@/lib/composer/types";
import { applySet, setBodyOf, type SetView } from "@/lib/sets/pick";

// Channel sets in the composer: one click picks a set's channels with their default settings;
// "Save as set" keeps the current selection and its settings under a name. Sets are managed
// (renamed, edited, deleted) on the Sets & signatures page.

type Props = {
  sets: SetView[];
  state: ComposerState;
  update: (next: ComposerState) => void;
  channels: Map<string, ComposerChannel>;
  descriptors: Map<string, Descriptor>;
};

export function SetBar({ sets: initial, state, update, channels, descriptors }: Props) {
  const toast = useToast();
  const [sets, setSets] = useState(initial);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState("");
  const [note, setNote] = useState("");

  const pick = (set: SetView) => {
    const { state: next, skipped } = applySet(state, set, channels);
    update(next);
    setNote(skipped.length ? `${set.name}: not picked, ${skipped.join(", ")}.` : "");
  };

  async function save() {
    try {
      const { set } = await api<{ set: SetView }>("/api/channel-sets", {
        method: "POST",
        body: JSON.stringify(setBodyOf(name, state, channels, descriptors)),
      });
      setSets([...sets, set].sort((a, b) => a.name.localeCompare(b.name)));
      setNaming(false);
      setName("");
      setError("");
      toast(`Set "${set.name}" saved.`);
    } catch (e) {
      const err = e as Error & { fields?: Record<string, string> };
      setError(err.fields ? Object.values(err.fields).join("; ") : err.message);
    }
  }

  return (
    <section aria-label="Channel sets" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-700">Sets</span>
        {sets.length === 0 && <span className="text-slate-500">none yet</span>}
        {sets.map((s) => (
          <button
            key={s.id}
            type="button"
            onClick={() => pick(s)}
            title={s.channels.map((c) => `${c.name}${c.status === "active" ? "" : ` (${c.status.replace("_", " ")})`}`).join(", ")}
            className="rounded-full border border-slate-300 bg-white px-3 py-1 text-slate-800 hover:bg-slate-50"
          >
            {s.name} <span className="text-slate-500">· {s.channels.length}</span>
          </button>
        ))}
        {!naming && (
          <Button type="button" variant="ghost" disabled={state.picked.length === 0} onClick={() => setNaming(true)}>
            Save as set
          </Button>
        )}
        <a href="/sets" className="text-brand-700 underline">
          Manage
        </a>
      </div>
      {naming && (
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Set name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void save();
                }
              }}
              maxLength={80}
              aria-invalid={!!error}
              className="mt-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              autoFocus
            />
          </label>
          <Button type="button" onClick={() => void save()}>
            Save set
          </Button>
          <Button type="button" variant="ghost" onClick={() => (setNaming(false), setError(""))}>
            Cancel
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {note && <p className="text-sm text-amber-800">{note}</p>}
    </section>
  );
}
