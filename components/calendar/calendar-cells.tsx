"use client";
import { useState, type ReactNode } from "react";
import type { Channel } from "@/components/channels/types";
import { PlatformBadgeMark } from "@/components/channels/channel-label";
import { channelAddress, channelLabel } from "@/lib/channels/label";
import { retryText } from "@/lib/posts/retry";
import type { CalendarPost } from "@/lib/posts/calendar";
import { formatInZone } from "@/lib/time/zone";

// The pieces a calendar view is drawn from: hour rows and day cells that take a dragged post, and
// the post chips with their time, status colour and channels. calendar-view.tsx lays them out.

const STATUS_COLOUR: Record<string, string> = {
  draft: "border-slate-300 bg-slate-50",
  scheduled: "border-blue-300 bg-blue-50",
  publishing: "border-amber-300 bg-amber-50",
  retrying: "border-yellow-400 bg-yellow-50",
  published: "border-green-300 bg-green-50",
  partial: "border-orange-300 bg-orange-50",
  failed: "border-red-300 bg-red-50",
  unconfirmed: "border-purple-300 bg-purple-50",
  cancelled: "border-slate-200 bg-white text-slate-400",
};

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
}: {
  posts?: CalendarPost[];
  max: number;
  moreHref: string;
  day: string;
  timeZone: string;
  byId: Map<string, Channel>;
  nudge: Nudge;
}) {
  if (!posts?.length) return null;
  const hidden = posts.length - max;
  return (
    <>
      {posts.slice(0, max).map((p) => (
        <Chip key={p.id} post={p} timeZone={timeZone} byId={byId} nudge={nudge} />
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
  placed,
  max,
  move,
  nudge,
  timeZone,
  byId,
  extra,
}: {
  hour: number;
  days: string[];
  placed: Map<string, CalendarPost[]>;
  max: number;
  move: (id: string, day: string, hour?: number) => void;
  nudge: Nudge;
  timeZone: string;
  byId: Map<string, Channel>;
  /** More to show in a day's cell of this hour (the free queue slots). */
  extra?: (day: string) => ReactNode;
}) {
  return (
    <>
      <div className="border-t border-slate-100 p-1 text-right text-xs text-slate-600">{String(hour).padStart(2, "0")}:00</div>
      {days.map((d) => (
        <DropCell
          key={d}
          label={`${d} ${String(hour).padStart(2, "0")}:00`}
          onDrop={(id) => move(id, d, hour)}
          className="min-h-10 border-l border-t border-slate-100 bg-white p-0.5"
        >
          <Chips
            posts={placed.get(`${d} ${String(hour).padStart(2, "0")}:00`)}
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

// The post being dragged (drag data is not readable until the drop, and links carry their own).
const dragging = { id: "" };

export function DropCell({
  label,
  onDrop,
  className,
  children,
}: {
  label: string;
  onDrop: (id: string) => void;
  className: string;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  return (
    <div
      role="group"
      aria-label={label}
      data-slot={label}
      className={`${className} ${over ? "ring-2 ring-inset ring-brand-500" : ""}`}
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
      {children}
    </div>
  );
}

export type Nudge = (id: string, days: number, hours: number) => void;
const NUDGES: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

export function Chip({ post, timeZone, byId, nudge }: { post: CalendarPost; timeZone: string; byId: Map<string, Channel>; nudge: Nudge }) {
  const draggable = post.status === "scheduled" || post.status === "draft";
  const failed = post.targets.find((t) => t.error);
  const retrying = post.targets.find((t) => t.retry);
  const note = failed?.error ?? (retrying?.retry ? retryText(retrying.retry, timeZone) : undefined);
  return (
    <a
      href={`/compose?post=${post.id}`}
      data-testid="calendar-post"
      data-post-id={post.id}
      draggable={draggable}
      aria-keyshortcuts={draggable ? "Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown" : undefined}
      onDragStart={(e) => {
        dragging.id = post.id;
        e.dataTransfer.setData("text/plain", post.id);
        e.dataTransfer.effectAllowed = "move";
      }}
      onDragEnd={() => setTimeout(() => (dragging.id = ""), 0)}
      onKeyDown={(e) => {
        const step = NUDGES[e.key];
        if (!draggable || !e.altKey || !step) return;
        e.preventDefault();
        nudge(post.id, step[0], step[1]);
      }}
      title={note ?? post.preview}
      className={`mb-0.5 block truncate rounded border px-1 py-0.5 text-xs ${STATUS_COLOUR[post.status] ?? ""} ${draggable ? "cursor-grab" : ""}`}
    >
      <span className="font-medium">
        {formatInZone(post.publishAt, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}
      </span>{" "}
      {post.recurring && (
        <span role="img" aria-label="repeats" title="Part of a recurring series" data-testid="recurring-marker" className="text-brand-700">
          ↻
        </span>
      )}{" "}
      <span
        role="img"
        className="inline-flex gap-0.5 align-middle"
        aria-label={`on ${post.targets.map((t) => channelName(byId.get(t.channelId))).join("; ")}`}
        title={post.targets.map((t) => channelName(byId.get(t.channelId))).join("\n")}
      >
        {post.targets.slice(0, 3).map((t) => (
          <MiniChannel key={t.channelId} channel={byId.get(t.channelId)} />
        ))}
        {post.targets.length > 3 && <span className="text-[10px] text-slate-600">+{post.targets.length - 3}</span>}
      </span>{" "}
      {failed && (
        <span className="font-semibold text-red-700" aria-hidden="true">
          !
        </span>
      )}{" "}
      <span className="sr-only">
        ({post.status}
        {note ? `: ${note}` : ""})
      </span>
      {post.preview}
    </a>
  );
}

const channelName = (c?: Channel) => (c ? channelLabel(c) : "a removed channel");

/** A channel on a chip: its platform badge and handle (the avatar alone cannot tell same-named accounts apart). */
function MiniChannel({ channel }: { channel?: Channel }) {
  if (!channel)
    return (
      <span aria-hidden="true" className="text-[10px] text-slate-600">
        ?
      </span>
    );
  const address = channelAddress(channel) ?? channel.name;
  return (
    <span aria-hidden="true" data-testid="chip-channel" className="inline-flex items-center gap-0.5 text-[10px] text-slate-700">
      <PlatformBadgeMark badge={channel.badge} platform={channel.providerName} size="xs" />
      {address}
    </span>
  );
}
