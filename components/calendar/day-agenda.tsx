"use client";
import { useState, useSyncExternalStore } from "react";
import type { Channel } from "@/components/channels/types";
import type { CalendarPost } from "@/lib/posts/calendar";
import { dateToWallTime, wallTimeToDate } from "@/lib/time/zone";
import { PostCard, type Nudge } from "./post-card";

// The day on a phone: its posts as a list (no 24 empty hour rows to scroll past), each with a
// "Move…" action that takes a date and time, since dragging is not a thing on a touch screen.

const PHONE = "(max-width: 640px)";
const subscribe = (onChange: () => void) => {
  const m = window.matchMedia(PHONE);
  m.addEventListener("change", onChange);
  return () => m.removeEventListener("change", onChange);
};
/** Whether the screen is phone-sized (false while rendering on the server). */
export const usePhone = () =>
  useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE).matches,
    () => false,
  );

export function DayAgenda({
  day,
  posts,
  timeZone,
  byId,
  nudge,
  moveTo,
}: {
  day: string;
  posts: CalendarPost[];
  timeZone: string;
  byId: Map<string, Channel>;
  nudge: Nudge;
  moveTo: (id: string, at: Date) => Promise<void>;
}) {
  return (
    <section aria-label="Day" className="space-y-2">
      {posts.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing on this day.</p>
      ) : (
        <ul className="space-y-2" aria-label="Posts of the day">
          {posts.map((p) => (
            <li key={p.id} className="space-y-1">
              <PostCard post={p} timeZone={timeZone} byId={byId} nudge={nudge} />
              {(p.status === "scheduled" || p.status === "draft") && <MoveForm post={p} timeZone={timeZone} moveTo={moveTo} />}
            </li>
          ))}
        </ul>
      )}
      <a
        href={`/compose?at=${encodeURIComponent(wallTimeToDate(`${day}T09:00`, timeZone).toISOString())}`}
        className="inline-block rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-brand-700"
      >
        + New post on this day
      </a>
    </section>
  );
}

function MoveForm({ post, timeZone, moveTo }: { post: CalendarPost; timeZone: string; moveTo: (id: string, at: Date) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState(() => dateToWallTime(new Date(post.publishAt), timeZone).slice(0, 16));
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} className="text-xs text-brand-700 underline">
        Move…<span className="sr-only"> the post of {post.preview.slice(0, 40)}</span>
      </button>
    );
  return (
    <form
      className="flex flex-wrap items-end gap-2 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(when)) return;
        setOpen(false);
        void moveTo(post.id, wallTimeToDate(when, timeZone));
      }}
    >
      <label className="flex flex-col">
        New time ({timeZone})
        <input
          type="datetime-local"
          required
          value={when}
          onChange={(e) => setWhen(e.target.value)}
          className="rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <button type="submit" className="rounded bg-brand-600 px-3 py-1 text-white">
        Move
      </button>
      <button type="button" onClick={() => setOpen(false)} className="underline">
        Cancel
      </button>
    </form>
  );
}
