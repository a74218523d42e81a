"use client";
import { useState, type ReactNode } from "react";
import type { Channel } from "@/components/channels/types";
import type { CalendarPost } from "@/lib/posts/calendar";
import { dragging, PostCard, type Nudge } from "./post-card";

// The pieces a calendar view is drawn from: hour rows and day cells that take a dragged post and
// open the composer when clicked where empty, and the post cards (post-card.tsx) in them.
// calendar-view.tsx lays them out.

export type { Nudge };

// A busy day shows its first posts and a link to the rest, so a month of thousands of posts stays
// readable and quick to draw.
export const MONTH_CELL_MAX = 4;
export const WEEK_CELL_MAX = 3;

export function Chips({
  posts,
  max,
  moreHref,
  day,
  timeZone,
  byId,
  nudge,
  compact,
}: {
  posts?: CalendarPost[];
  max: number;
  moreHref: string;
  day: string;
  timeZone: string;
  byId: Map<string, Channel>;
  nudge: Nudge;
  compact?: boolean;
}) {
  if (!posts?.length) return null;
  const hidden = posts.length - max;
  return (
    <>
      {posts.slice(0, max).map((p) => (
        <PostCard key={p.id} post={p} timeZone={timeZone} byId={byId} nudge={nudge} compact={compact} />
      ))}
      {hidden > 0 && (
        <a href={moreHref} className="block px-1 text-xs font-medium text-brand-700 underline" data-testid="calendar-more">
          +{hidden} more<span className="sr-only"> on {day}</span>
        </a>
      )}
    </>
  );
}

export function HourRow({
  hour,
  days,
  today,
  placed,
  max,
  move,
  nudge,
  timeZone,
  byId,
  background,
  extra,
}: {
  hour: number;
  days: string[];
  today: string;
  placed: Map<string, CalendarPost[]>;
  max: number;
  move: (id: string, day: string, hour?: number) => void;
  nudge: Nudge;
  timeZone: string;
  byId: Map<string, Channel>;
  /** What an empty part of a day's cell opens (the composer at that hour). */
  background?: (day: string) => ReactNode;
  /** More to show in a day's cell of this hour (the free queue slots). */
  extra?: (day: string) => ReactNode;
}) {
  const hh = String(hour).padStart(2, "0");
  return (
    <>
      <div data-hour={hour} className="border-t border-slate-100 p-1 text-right text-xs text-slate-600">
        {hh}:00
      </div>
      {days.map((d) => (
        <DropCell
          key={d}
          label={`${d} ${hh}:00`}
          onDrop={(id) => move(id, d, hour)}
          background={background?.(d)}
          className={`min-h-10 border-l border-t border-slate-100 p-0.5 ${d === today ? "bg-brand-50/40" : "bg-white"}`}
        >
          <Chips
            posts={placed.get(`${d} ${hh}:00`)}
            max={max}
            moreHref={`/calendar?view=day&date=${d}`}
            day={d}
            timeZone={timeZone}
            byId={byId}
            nudge={nudge}
          />
          {extra?.(d)}
        </DropCell>
      ))}
    </>
  );
}

export function DropCell({
  label,
  onDrop,
  className,
  background,
  children,
}: {
  label: string;
  onDrop: (id: string) => void;
  className: string;
  /** Drawn beneath the cell's content, covering the cell (the new-post link). */
  background?: ReactNode;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  return (
    <div
      role="group"
      aria-label={label}
      data-slot={label}
      className={`group relative ${className} ${over ? "ring-2 ring-inset ring-brand-500" : ""}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const id = dragging.id || e.dataTransfer.getData("text/plain");
        dragging.id = "";
        if (id) onDrop(id);
      }}
    >
      {background}
      {/* Clicks on the cell's empty parts fall through to the background link; its posts keep theirs. */}
      <div className="pointer-events-none relative [&>*]:pointer-events-auto">{children}</div>
    </div>
  );
}
