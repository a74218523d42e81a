"use client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ALT_TEXT_CEILING, altTextLength } from "@/lib/media/alt-text";
import type { MediaDto } from "@/lib/media/types";
import { MediaThumb } from "./media-thumb";

// The files attached to one post item, in order, each with its alt text (what screen-reader users
// on the platform hear instead of the picture). Controlled: the composer owns the list. The
// counter shows the strictest alt-text limit of the platforms the item goes to; going over it is
// an error the composer shows under the field and the server refuses, never a silent cut.

/** One platform's alt-text limit, from its media rules (maxAltTextLength). */
export type AltLimit = { platform: string; max: number };

type Props = {
  items: { media: MediaDto; alt: string }[];
  onAltChange: (index: number, alt: string) => void;
  onRemove: (index: number) => void;
  onMove?: (from: number, to: number) => void;
  /** The alt-text limits of the platforms this item goes to. */
  altLimits?: AltLimit[];
  /** Problems with each file's alt text, by index. */
  altErrors?: Record<number, string>;
};

/** "12 of 1000 characters (X; Mastodon takes 1500)": the strictest limit first. */
export function altCounter(alt: string, limits: AltLimit[]): string {
  const n = altTextLength(alt);
  const sorted = [...new Map(limits.map((l) => [l.platform, l])).values()].sort((a, b) => a.max - b.max);
  if (!sorted.length) return `${n} characters`;
  const [first, ...rest] = sorted;
  const others = rest.filter((l) => l.max !== first!.max).map((l) => `${l.platform} takes ${l.max}`);
  const same = rest.filter((l) => l.max === first!.max).map((l) => l.platform);
  return `${n} of ${first!.max} characters (${[first!.platform, ...same].join(", ")}${others.length ? `; ${others.join(", ")}` : ""})`;
}

export function AttachmentList({ items, onAltChange, onRemove, onMove, altLimits = [], altErrors = {} }: Props) {
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
              // A browser counts UTF-16 units; the platforms count characters (an emoji is one).
              maxLength={ALT_TEXT_CEILING * 2}
              onChange={(e) => onAltChange(i, e.target.value)}
              error={altErrors[i]}
              hint={`${altCounter(alt, altLimits)}. Describe what the ${media.mimeType.startsWith("video/") ? "video shows" : "image shows"}.`}
            />
            {altErrors[i] && (
              <p className="text-xs text-slate-500" data-testid="alt-counter">
                {altCounter(alt, altLimits)}
              </p>
            )}
            <div className="flex flex-wrap gap-1">
              {onMove && (
                <>
                  <Button variant="ghost" disabled={i === 0} onClick={() => onMove(i, i - 1)} aria-label={`Move ${media.fileName} earlier`}>
                    Earlier
                  </Button>
                  <Button
                    variant="ghost"
                    disabled={i === items.length - 1}
                    onClick={() => onMove(i, i + 1)}
                    aria-label={`Move ${media.fileName} later`}
                  >
                    Later
                  </Button>
                </>
              )}
              <Button variant="danger" onClick={() => onRemove(i)} aria-label={`Remove ${media.fileName}`}>
                Remove
              </Button>
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
