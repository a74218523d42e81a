import type { CalendarPost } from "@/lib/posts/calendar";

// Small marks on a calendar card: a thread (how many posts), media (how many) and a poll. Each is
// an image named in words; the glyphs are drawn here so no icon font or set is needed.

const ICON = "h-3 w-3 fill-none stroke-current stroke-2";

export function PostMarkers({ post }: { post: Pick<CalendarPost, "thread" | "media" | "poll"> }) {
  return (
    <>
      {post.thread && (
        <span
          role="img"
          aria-label={`thread of ${post.thread}`}
          data-testid="thread-marker"
          className="inline-flex items-center text-[10px]"
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" className={ICON}>
            <path d="M4 2v8a3 3 0 0 0 3 3h6M10 10l3 3-3 3" />
          </svg>
          {post.thread}
        </span>
      )}
      {post.media && (
        <span role="img" aria-label={`${post.media} media`} data-testid="media-marker" className="inline-flex items-center text-[10px]">
          <svg viewBox="0 0 16 16" aria-hidden="true" className={ICON}>
            <rect x="2" y="3" width="12" height="10" rx="1" />
            <path d="M2 11l4-4 3 3 2-2 3 3" />
          </svg>
          {post.media > 1 ? post.media : ""}
        </span>
      )}
      {post.poll && (
        <span role="img" aria-label="poll" data-testid="poll-marker" className="inline-flex items-center">
          <svg viewBox="0 0 16 16" aria-hidden="true" className={ICON}>
            <path d="M3 4h10M3 8h6M3 12h8" />
          </svg>
        </span>
      )}
    </>
  );
}
