"use client";
import { ChannelAvatar } from "@/components/channels/avatar";
import { channelDetail, channelLabel } from "@/lib/channels/label";
import type { ComposerChannel } from "@/lib/composer/types";

// The channels to publish to, as avatars with their platform badge. Real checkboxes underneath,
// so the picker works with the keyboard and screen readers like any form control.

type Props = {
  channels: ComposerChannel[];
  picked: string[];
  toggle: (id: string) => void;
  problems: (id: string) => number;
  readOnly?: boolean;
};

export function ChannelPicker({ channels, picked, toggle, problems, readOnly }: Props) {
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
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-slate-700">Channels</legend>
      <ul className="flex flex-wrap gap-2">
        {channels.map((c) => {
          const on = picked.includes(c.id);
          const usable = c.status === "active";
          const bad = on ? problems(c.id) : 0;
          return (
            <li key={c.id}>
              <label
                data-testid="channel-choice"
                data-provider={c.provider}
                className={`flex cursor-pointer items-center gap-2 rounded-full border py-1 pl-1 pr-3 text-sm transition focus-within:ring-2 focus-within:ring-brand-300
                ${on ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white hover:bg-slate-50"} ${!usable && !on ? "cursor-not-allowed opacity-60" : ""}`}
              >
                <input
                  type="checkbox"
                  className="sr-only"
                  aria-label={channelLabel(c)}
                  checked={on}
                  disabled={readOnly || (!usable && !on)}
                  onChange={() => toggle(c.id)}
                />
                <ChannelAvatar name={c.name} picture={c.picture} badge={c.badge} platform={c.providerName} />
                <span className="flex flex-col leading-tight">
                  <span className="font-medium text-slate-900">{c.name}</span>
                  <span className="text-xs text-slate-600">
                    {[channelDetail(c), !usable ? c.status.replace("_", " ") : ""].filter(Boolean).join(" · ")}
                  </span>
                </span>
                {bad > 0 && (
                  <span
                    className="ml-1 rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white"
                    aria-label={`${bad} problem${bad === 1 ? "" : "s"}`}
                  >
                    {bad}
                  </span>
                )}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
