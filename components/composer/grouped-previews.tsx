"use client";
import { ChannelLabel, PlatformBadgeMark } from "@/components/channels/channel-label";
import { groupSame, previewKey, sameForLabel } from "@/lib/composer/preview-groups";
import type { ComposerChannel, Descriptor, DraftItem } from "@/lib/composer/types";
import { ChannelPreview } from "./channel-preview";

// The previews, one per platform and content: channels of one platform sending the same items
// show one preview (drawn as the first of them) labelled "same for 11 channels", with the list
// of those channels one click away. A channel with its own variant gets its own preview.

type Props = {
  picked: { c: ComposerChannel; d: Descriptor }[];
  sent: Map<string, DraftItem[]>;
  /** A link card chosen, changed or removed in a preview: for the channel drawn (the group's first). */
  onLinkCard?: (channelId: string, item: number, choice: { url: string } | null) => void;
};

export function GroupedPreviews({ picked, sent, onLinkCard }: Props) {
  const byId = new Map(picked.map((p) => [p.c.id, p]));
  const groups = groupSame(
    picked.map(({ c }) => c.id),
    (id) => previewKey(byId.get(id)!.c.provider, sent.get(id)!),
  );
  return groups.map(({ ids }) => {
    const { c, d } = byId.get(ids[0]!)!;
    const preview = (
      <ChannelPreview
        channel={c}
        descriptor={d}
        items={sent.get(c.id)!}
        onLinkCard={onLinkCard && ((i, choice) => onLinkCard(c.id, i, choice))}
      />
    );
    if (ids.length === 1) return <div key={ids[0]}>{preview}</div>;
    return (
      <div key={ids[0]} data-testid="preview-group" className="space-y-1">
        <details className="rounded-md border border-slate-200 bg-slate-50 px-2 py-1 text-xs text-slate-700">
          <summary className="cursor-pointer">
            <span className="inline-flex items-center gap-1 align-middle">
              <PlatformBadgeMark badge={c.badge} platform={c.providerName} size="xs" />
              <span className="font-medium">{c.providerName}</span> · {sameForLabel(ids.length)}
            </span>
          </summary>
          <ul className="mt-1 space-y-0.5" aria-label={`The ${ids.length} ${c.providerName} channels of this preview`}>
            {ids.map((id) => (
              <li key={id}>
                <ChannelLabel channel={byId.get(id)!.c} />
              </li>
            ))}
          </ul>
        </details>
        {preview}
      </div>
    );
  });
}
