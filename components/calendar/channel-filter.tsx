"use client";
import type { Channel } from "@/components/channels/types";
import { ChannelLabel } from "@/components/channels/channel-label";
import { channelLabel } from "@/lib/channels/label";

// The calendar's channel filter: any number of channels (none picked shows them all), as
// checkboxes in a disclosure so a long list does not push the calendar down.

export function ChannelFilter({ channels, value, onChange }: { channels: Channel[]; value: string[]; onChange: (ids: string[]) => void }) {
  const picked = new Set(value);
  const summary = value.length === 0 ? "All channels" : value.length === 1 ? "1 channel" : `${value.length} channels`;
  return (
    <details className="relative text-sm" data-testid="channel-filter">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-2 py-1">
        <span className="sr-only">Channels: </span>
        {summary} <span aria-hidden="true">▾</span>
      </summary>
      <fieldset className="absolute right-0 z-30 mt-1 max-h-80 w-72 max-w-[90vw] overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <legend className="sr-only">Show posts on these channels</legend>
        {channels.map((c) => (
          <label key={c.id} className="flex items-center gap-2 rounded px-1 py-1 hover:bg-slate-50">
            <input
              type="checkbox"
              aria-label={channelLabel(c)}
              checked={picked.has(c.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, c.id] : value.filter((id) => id !== c.id))}
            />
            <ChannelLabel channel={c} className="min-w-0" />
          </label>
        ))}
        {value.length > 0 && (
          <button type="button" className="mt-1 text-xs text-brand-700 underline" onClick={() => onChange([])}>
            Show all channels
          </button>
        )}
      </fieldset>
    </details>
  );
}
