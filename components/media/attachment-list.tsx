"use client";
import { useId } from "react";
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

const iconButton = "rounded px-1.5 py-0.5 text-sm text-slate-600 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40";

// Compact: one line per file (a small thumbnail, its alt text, and icon buttons), so a thread of
// several items with pictures stays short enough to see beside its previews.
export function AttachmentList({ items, onAltChange, onRemove, onMove, altLimits = [], altErrors = {} }: Props) {
  const baseId = useId();
  if (items.length === 0) return null;
  return (
    <ol className="space-y-1.5" aria-label="Attachments">
      {items.map(({ media, alt }, i) => {
        const id = `${baseId}-${i}`;
        const error = altErrors[i];
        return (
          <li key={`${media.id}-${i}`} className="flex items-start gap-2 rounded-md border border-slate-200 bg-white p-1.5">
            <MediaThumb media={media} alt={alt} className="h-12 w-12 shrink-0" />
            <div className="min-w-0 flex-1">
              <label htmlFor={id} className="sr-only">
                Alt text for {media.fileName}
              </label>
              <input
                id={id}
                value={alt}
                placeholder={`Alt text: what the ${media.mimeType.startsWith("video/") ? "video" : "image"} shows`}
                // A browser counts UTF-16 units; the platforms count characters (an emoji is one).
                maxLength={ALT_TEXT_CEILING * 2}
                onChange={(e) => onAltChange(i, e.target.value)}
                aria-invalid={!!error}
                aria-describedby={`${id}-note`}
                className={`block w-full rounded border px-2 py-1 text-sm ${error ? "border-red-400" : "border-slate-300"}`}
              />
              <p id={`${id}-note`} className="mt-0.5 truncate text-xs text-slate-500">
                <span data-testid="alt-counter">{altCounter(alt, altLimits)}</span>
                {error && (
                  <span role="alert" className="ml-1 text-red-700">
                    {error}
                  </span>
                )}
              </p>
            </div>
            {onMove && (
              <>
                <button
                  type="button"
                  className={iconButton}
                  disabled={i === 0}
                  onClick={() => onMove(i, i - 1)}
                  aria-label={`Move ${media.fileName} earlier`}
                  title="Earlier"
                >
                  ↑
                </button>
                <button
                  type="button"
                  className={iconButton}
                  disabled={i === items.length - 1}
                  onClick={() => onMove(i, i + 1)}
                  aria-label={`Move ${media.fileName} later`}
                  title="Later"
                >
                  ↓
                </button>
              </>
            )}
            <button
              type="button"
              className={`${iconButton} text-red-700 hover:bg-red-50`}
              onClick={() => onRemove(i)}
              aria-label={`Remove ${media.fileName}`}
              title="Remove"
            >
              ✕
            </button>
          </li>
        );
      })}
    </ol>
  );
}
