"use client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { MediaDto } from "@/lib/media/types";
import { MediaThumb } from "./media-thumb";

// The files attached to one post item, in order, each with its alt text (what screen-reader users
// on the platform hear instead of the picture). Controlled: the composer owns the list.

export const ALT_MAX = 1500;

type Props = {
  items: { media: MediaDto; alt: string }[];
  onAltChange: (index: number, alt: string) => void;
  onRemove: (index: number) => void;
  onMove?: (from: number, to: number) => void;
};

export function AttachmentList({ items, onAltChange, onRemove, onMove }: Props) {
  if (items.length === 0) return null;
  return (
    <ol className="space-y-3" aria-label="Attachments">
      {items.map(({ media, alt }, i) => (
        <li key={`${media.id}-${i}`} className="flex gap-3 rounded-md border border-slate-200 bg-white p-3">
          <MediaThumb media={media} alt={alt} className="h-20 w-20 shrink-0" />
          <div className="min-w-0 flex-1 space-y-2">
            <TextField
              label={`Alt text for ${media.fileName}`}
              value={alt}
              maxLength={ALT_MAX}
              onChange={(e) => onAltChange(i, e.target.value)}
              hint={`${alt.length} of ${ALT_MAX} characters. Describe what the ${media.mimeType.startsWith("video/") ? "video shows" : "image shows"}.`}
            />
            <div className="flex flex-wrap gap-1">
              {onMove && (
                <>
                  <Button variant="ghost" disabled={i === 0} onClick={() => onMove(i, i - 1)} aria-label={`Move ${media.fileName} earlier`}>Earlier</Button>
                  <Button variant="ghost" disabled={i === items.length - 1} onClick={() => onMove(i, i + 1)} aria-label={`Move ${media.fileName} later`}>Later</Button>
                </>
              )}
              <Button variant="danger" onClick={() => onRemove(i)} aria-label={`Remove ${media.fileName}`}>Remove</Button>
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
