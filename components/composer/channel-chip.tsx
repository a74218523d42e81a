"use client";
import { PlatformBadgeMark } from "@/components/channels/channel-label";
import { channelDetail, channelLabel } from "@/lib/channels/label";
import type { ComposerChannel } from "@/lib/composer/types";

// One channel in the picker, small enough for many per row: platform badge, name, handle. A real
// checkbox underneath (named with the full label), so it works with the keyboard and screen readers.

type Props = { c: ComposerChannel; on: boolean; problems: number; disabled: boolean; toggle: () => void };

export function ChannelChip({ c, on, problems, disabled, toggle }: Props) {
  const usable = c.status === "active";
  const detail = [channelDetail(c), !usable ? c.status.replace("_", " ") : ""].filter(Boolean).join(" · ");
  return (
    <label
      data-testid="channel-choice"
      data-provider={c.provider}
      title={channelLabel(c)}
      className={`flex max-w-full cursor-pointer items-center gap-1.5 rounded-full border py-0.5 pl-1.5 pr-2.5 text-sm transition focus-within:ring-2 focus-within:ring-brand-300
      ${on ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white hover:bg-slate-50"} ${!usable && !on ? "cursor-not-allowed opacity-60" : ""}`}
    >
      <input type="checkbox" className="sr-only" aria-label={channelLabel(c)} checked={on} disabled={disabled} onChange={toggle} />
      <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${on ? "bg-brand-600" : "border border-slate-400"}`} />
      <PlatformBadgeMark badge={c.badge} platform={c.providerName} size="xs" />
      <span className="truncate font-medium text-slate-900">{c.name}</span>
      {detail && <span className="hidden truncate text-xs text-slate-600 sm:inline">{detail}</span>}
      {problems > 0 && (
        <span
          className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white"
          aria-label={`${problems} problem${problems === 1 ? "" : "s"}`}
        >
          {problems}
        </span>
      )}
    </label>
  );
}
