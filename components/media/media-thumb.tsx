import { mediaKindOf } from "@/lib/media/rules-check";
import type { MediaDto } from "@/lib/media/types";

// A square preview of a library file. Images load from the org-scoped file route; a video is a
// labelled tile (loading video frames for a grid would fetch a lot of bytes for little gain).
export function MediaThumb({ media, alt, className = "h-24 w-24" }: { media: MediaDto; alt?: string; className?: string }) {
  if (mediaKindOf(media.mimeType) === "video") {
    return (
      <div
        role="img"
        aria-label={`Video: ${media.fileName}`}
        className={`flex flex-col items-center justify-center gap-1 rounded-md bg-slate-800 text-white ${className}`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 fill-current">
          <path d="M8 5v14l11-7z" />
        </svg>
        <span className="text-xs font-medium">Video</span>
      </div>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a private, session-bound file: next/image's optimizer cannot fetch it
    <img
      src={media.url}
      alt={alt || media.alt || media.fileName}
      loading="lazy"
      className={`rounded-md bg-slate-100 object-cover ${className}`}
    />
  );
}
