"use client";
import type { LibraryChannel } from "./types";

// A list of the organization's channels as checkboxes, each saying if it is disconnected.
export function ChannelChecks({
  legend,
  channels,
  chosen,
  setChosen,
}: {
  legend: string;
  channels: LibraryChannel[];
  chosen: string[];
  setChosen: (ids: string[]) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {channels.map((c) => (
          <li key={c.id}>
            <label className="flex items-center gap-1.5 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={chosen.includes(c.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))}
              />
              {c.name} <span className="text-slate-500">({c.providerName})</span>
              {c.status !== "active" && <span className="text-amber-800">· {c.status.replace("_", " ")}</span>}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
