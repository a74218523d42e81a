"use client";
import { ChannelLabel, PlatformBadgeMark } from "@/components/channels/channel-label";
import { channelLabel } from "@/lib/channels/label";
import { counterKey, groupSame } from "@/lib/composer/preview-groups";
import { rulesFor, visibleText } from "@/lib/composer/state";
import type { ComposerChannel, Descriptor, DraftItem } from "@/lib/composer/types";
import { countText } from "@/providers/core/counting";

// The counters under an item: one line per platform, limit and text, not one per channel, so 11
// X accounts sending the same words show "X · 11 channels: 42/280". A line for one channel names
// it as before; the problems list (schedule-bar.tsx) still names every channel that is over.

type Sources = { byId: Map<string, ComposerChannel>; byProvider: Map<string, Descriptor>; sent: Map<string, DraftItem[]> };

export function groupedCounters(channelIds: string[], { byId, byProvider, sent }: Sources) {
  return (i: number) => {
    const line = (id: string) => {
      const c = byId.get(id)!;
      const d = byProvider.get(c.provider)!;
      const item = sent.get(id)?.[i];
      const text = item ? visibleText(d, item.text) : undefined;
      return { c, d, text, limit: rulesFor(c, d).maxLength };
    };
    const lines = new Map(channelIds.map((id) => [id, line(id)]));
    return groupSame(channelIds, (id) => {
      const l = lines.get(id)!;
      return counterKey(l.c.provider, l.limit, l.text);
    }).map(({ ids }) => {
      const { c, d, text, limit } = lines.get(ids[0]!)!;
      const who =
        ids.length === 1 ? (
          <ChannelLabel channel={c} />
        ) : (
          <span className="inline-flex items-center gap-1">
            <PlatformBadgeMark badge={c.badge} platform={c.providerName} />
            {c.providerName} · {ids.length} channels
          </span>
        );
      const names = ids.length > 1 ? ids.map((id) => channelLabel(byId.get(id)!)).join("\n") : undefined;
      if (text === undefined)
        return (
          <span key={ids[0]} title={names} className="inline-flex items-center gap-1 text-slate-600">
            {who}: not sent
          </span>
        );
      const used = countText(d.counting, text);
      return (
        <span
          key={ids[0]}
          data-testid="counter"
          title={names}
          className={`inline-flex items-center gap-1 ${used > limit ? "font-semibold text-red-700" : "text-slate-600"}`}
        >
          {who}: {used}/{limit}
        </span>
      );
    });
  };
}
