"use client";
import { useState } from "react";
import { pickerSections, type PickerGroup } from "@/lib/composer/channel-search";
import type { ComposerChannel } from "@/lib/composer/types";
import { ChannelChip } from "./channel-chip";
import { ChannelSearch } from "./channel-search";

// The channels to publish to, made for dozens of them: a search box, the channels laid out by
// group (a customer or brand, managed on the Channels page) with "select all" per group, compact
// chips, and how many are selected. Each chip is a real checkbox, each action a real button.

type Props = {
  channels: ComposerChannel[];
  groups?: PickerGroup[];
  picked: string[];
  toggle: (id: string) => void;
  /** Picks (or unpicks) several channels at once. */
  setMany: (ids: string[], on: boolean) => void;
  problems: (id: string) => number;
  readOnly?: boolean;
};

export function ChannelPicker({ channels, groups = [], picked, toggle, setMany, problems, readOnly }: Props) {
  const [query, setQuery] = useState("");
  if (channels.length === 0)
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
        No channels yet.{" "}
        <a className="text-brand-700 underline" href="/channels">
          Connect one
        </a>{" "}
        to start.
      </p>
    );
  const sections = pickerSections(channels, groups, query);
  const matches = sections.reduce((n, s) => n + s.channels.length, 0);
  const grouped = groups.length > 0;
  const on = new Set(picked);
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium text-slate-700">Channels</legend>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {channels.length > 6 && <ChannelSearch value={query} onChange={setQuery} matches={matches} />}
        <span data-testid="picked-summary" role="status" className="text-sm text-slate-600">
          {picked.length} selected
        </span>
        {picked.length > 0 && !readOnly && (
          <button type="button" className="text-sm text-brand-700 underline" onClick={() => setMany(picked, false)}>
            Clear selection
          </button>
        )}
      </div>
      <div className="max-h-80 space-y-2 overflow-y-auto">
        {sections.map(({ group, channels: list }) => {
          // "Select all" takes every usable channel of the group, also those the search hides.
          const members = group ? channels.filter((c) => group.channelIds.includes(c.id) && c.status === "active").map((c) => c.id) : [];
          const all = members.length > 0 && members.every((id) => on.has(id));
          const title = group ? group.name : "Other channels";
          return (
            <section key={group?.id ?? "none"} aria-label={title} data-testid="channel-group">
              {grouped && (
                <div className="mb-1 flex flex-wrap items-center gap-x-2 text-xs text-slate-600">
                  <span className="font-semibold uppercase tracking-wide text-slate-700">{title}</span>
                  {group?.timeZone && <span>{group.timeZone}</span>}
                  {group && members.length > 0 && !readOnly && (
                    <button
                      type="button"
                      className="rounded px-1 text-brand-700 underline hover:bg-brand-50"
                      onClick={() => setMany(members, !all)}
                    >
                      {all ? `Unselect all in ${group.name}` : `Select all ${members.length} in ${group.name}`}
                    </button>
                  )}
                </div>
              )}
              <ul className="flex flex-wrap gap-1.5">
                {list.map((c) => {
                  const checked = on.has(c.id);
                  return (
                    <li key={c.id} className="max-w-full">
                      <ChannelChip
                        c={c}
                        on={checked}
                        problems={checked ? problems(c.id) : 0}
                        disabled={!!readOnly || (c.status !== "active" && !checked)}
                        toggle={() => toggle(c.id)}
                      />
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
        {sections.length === 0 && <p className="text-sm text-slate-600">No channel matches “{query.trim()}”.</p>}
      </div>
    </fieldset>
  );
}
