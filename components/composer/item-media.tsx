"use client";
import { useState } from "react";
import { AttachmentList } from "@/components/media/attachment-list";
import { MediaLibrary } from "@/components/media/media-library";
import { MediaUploader } from "@/components/media/media-uploader";
import type { AttachedMedia, Descriptor, DraftItem } from "@/lib/composer/types";
import type { MediaDto } from "@/lib/media/types";

// The attachments of one item: upload (checked first against every platform the item goes to),
// reuse from the media library, alt text, order and removal.

type Props = {
  item: DraftItem;
  set: (item: DraftItem) => void;
  channels: { name: string; descriptor: Descriptor }[];
  errors: Record<string, string>;
};

export const attachedFrom = (m: MediaDto): AttachedMedia => ({
  mediaId: m.id,
  src: m.url,
  fileName: m.fileName,
  mimeType: m.mimeType,
  size: m.size,
  width: m.width,
  height: m.height,
  alt: m.alt ?? "",
});
const asDto = (m: AttachedMedia): MediaDto => ({
  id: m.mediaId ?? m.src,
  fileName: m.fileName,
  mimeType: m.mimeType,
  size: m.size ?? 0,
  width: m.width ?? null,
  height: m.height ?? null,
  alt: m.alt,
  createdAt: "",
  url: m.src,
});

// "media.2.alt", or "media.2.alt@<channel>" for a shared item: shown under that file's alt field.
const ALT_KEY = /^media\.(\d+)\.alt(@|$)/;

/** Every channel's alt-text problem of each file, joined, by file index. */
function altErrorsOf(errors: Record<string, string>): Record<number, string> {
  const out: Record<number, string[]> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = ALT_KEY.exec(k);
    if (m) (out[Number(m[1])] ??= []).push(v);
  }
  return Object.fromEntries(Object.entries(out).map(([i, list]) => [i, [...new Set(list)].join(" ")]));
}

export function ItemMedia({ item, set, channels, errors }: Props) {
  const [library, setLibrary] = useState(false);
  const takesMedia = channels.some((c) => c.descriptor.media.maxItems > 0);
  if (!takesMedia && item.media.length === 0) return null;
  const add = (m: MediaDto) => set({ ...item, media: [...item.media, attachedFrom(m)] });
  const accept = [
    ...new Set(
      channels.flatMap((c) =>
        [c.descriptor.media.image, c.descriptor.media.video, c.descriptor.media.gif].flatMap((r) => r?.mimeTypes ?? []),
      ),
    ),
  ].join(",");
  return (
    <div className="space-y-2">
      {item.media.length > 0 && (
        <AttachmentList
          items={item.media.map((m) => ({ media: asDto(m), alt: m.alt }))}
          altLimits={channels.flatMap((c) =>
            c.descriptor.media.maxAltTextLength !== undefined
              ? [{ platform: c.descriptor.name, max: c.descriptor.media.maxAltTextLength }]
              : [],
          )}
          altErrors={altErrorsOf(errors)}
          onAltChange={(i, alt) => set({ ...item, media: item.media.map((m, j) => (j === i ? { ...m, alt } : m)) })}
          onRemove={(i) => set({ ...item, media: item.media.filter((_, j) => j !== i) })}
          onMove={(from, to) => {
            const media = [...item.media];
            const [m] = media.splice(from, 1);
            media.splice(to, 0, m!);
            set({ ...item, media });
          }}
        />
      )}
      {[
        ...new Set(
          Object.entries(errors)
            .filter(([k]) => k.startsWith("media") && !ALT_KEY.test(k))
            .map(([, v]) => v),
        ),
      ].map((m) => (
        <p key={m} role="alert" className="text-sm text-red-700">
          {m}
        </p>
      ))}
      {takesMedia && (
        <div className="flex flex-wrap items-start gap-3">
          <div className="min-w-64 flex-1">
            <MediaUploader channels={channels} onUploaded={add} accept={accept || undefined} />
          </div>
          <button
            type="button"
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-800 hover:bg-slate-50"
            onClick={() => setLibrary(true)}
          >
            Media library
          </button>
        </div>
      )}
      <MediaLibrary open={library} onClose={() => setLibrary(false)} onPick={(m) => (add(m), setLibrary(false))} />
    </div>
  );
}
