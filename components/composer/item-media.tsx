"use client";
import { useId, useState } from "react";
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

/**
 * Rendered inside the item's row of actions (a wrapping flex row, items-editor.tsx): the attached
 * files go on a line of their own above it, the "Add media" button sits among the actions, and the
 * drop zone and library open below it on demand, so an item without media is one text box and a
 * line of links. The uploader stays mounted while closed, so an upload under way keeps its progress.
 */
export function ItemMedia({ item, set, channels, errors }: Props) {
  const [library, setLibrary] = useState(false);
  const [open, setOpen] = useState(false);
  const panelId = useId();
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
  const mediaErrors = [
    ...new Set(
      Object.entries(errors)
        .filter(([k]) => k.startsWith("media") && !ALT_KEY.test(k))
        .map(([, v]) => v),
    ),
  ];
  return (
    <>
      {(item.media.length > 0 || mediaErrors.length > 0) && (
        <div className="order-first mb-1 basis-full space-y-1">
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
          {mediaErrors.map((m) => (
            <p key={m} role="alert" className="text-sm text-red-700">
              {m}
            </p>
          ))}
        </div>
      )}
      {takesMedia && (
        <>
          <button
            type="button"
            className="text-brand-700 underline"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen(!open)}
          >
            {open ? "Hide media options" : "Add media"}
          </button>
          <div id={panelId} className="order-last basis-full">
            <div className={open ? "mt-2 flex flex-wrap items-start gap-3" : ""}>
              <div className={open ? "min-w-64 flex-1" : ""}>
                <MediaUploader channels={channels} onUploaded={add} accept={accept || undefined} collapsed={!open} />
              </div>
              {open && (
                <button
                  type="button"
                  className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-800 hover:bg-slate-50"
                  onClick={() => setLibrary(true)}
                >
                  Media library
                </button>
              )}
            </div>
          </div>
        </>
      )}
      <MediaLibrary
        open={library}
        onClose={() => setLibrary(false)}
        onPick={(m) => {
          add(m);
          setLibrary(false);
          setOpen(false);
        }}
      />
    </>
  );
}
