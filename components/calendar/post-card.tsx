"use client";
/* eslint-disable @next/next/no-img-element -- the app's own media file, drawn small */
import { useEffect, useId, useRef, useState } from "react";
import type { Channel } from "@/components/channels/types";
import { PlatformLogo } from "@/components/channels/platform-logo";
import { channelLabel } from "@/lib/channels/label";
import type { CalendarPost } from "@/lib/posts/calendar";
import { retryText } from "@/lib/posts/retry";
import { formatInZone } from "@/lib/time/zone";
import { PostMarkers } from "./post-markers";
import { PostPopover } from "./post-popover";
import { STATUS_STYLE, StatusDot } from "./status-legend";

// One post on the calendar: its time, status, the logos of its channels, a thumbnail of its first
// image, thread/media/poll markers and a snippet of its text. Hovering or focusing it opens the
// post's card (post-popover.tsx); it stays while the pointer is on it and Escape closes it.
// A scheduled post can be dragged, or moved with Alt+arrows (calendar-cells.tsx passes nudge).

export type Nudge = (id: string, days: number, hours: number) => void;
const NUDGES: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
const HOVER_DELAY_MS = 250;

// The post being dragged (drag data is not readable until the drop, and links carry their own).
export const dragging = { id: "" };

export function PostCard({
  post,
  timeZone,
  byId,
  nudge,
  compact,
}: {
  post: CalendarPost;
  timeZone: string;
  byId: Map<string, Channel>;
  nudge: Nudge;
  /** Month cells: one line, the snippet only where there is room. */
  compact?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const popId = useId();
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setOpen(true), delay);
  };
  const hide = () => {
    clearTimeout(timer.current);
    setOpen(false);
  };
  const draggable = post.status === "scheduled" || post.status === "draft";
  const failed = post.targets.find((t) => t.error);
  const retrying = post.targets.find((t) => t.retry);
  const note = failed?.error ?? (retrying?.retry ? retryText(retrying.retry, timeZone) : undefined);
  const names = post.targets.map((t) => channelName(byId.get(t.channelId)));
  const style = STATUS_STYLE[post.status];
  return (
    <div
      className="relative mb-0.5"
      onMouseEnter={() => show(HOVER_DELAY_MS)}
      onMouseLeave={hide}
      onFocus={() => show(0)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) hide();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          hide();
        }
      }}
    >
      <a
        href={`/compose?post=${post.id}`}
        data-testid="calendar-post"
        data-post-id={post.id}
        data-status={post.status}
        draggable={draggable}
        aria-describedby={open ? popId : undefined}
        aria-keyshortcuts={draggable ? "Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown" : undefined}
        onDragStart={(e) => {
          hide();
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
        className={`flex gap-1 rounded border px-1 py-0.5 text-xs text-slate-800 ${style.card} ${draggable ? "cursor-grab" : ""}`}
      >
        {post.thumb && (
          <img
            src={`/api/media/${post.thumb}/file`}
            alt=""
            loading="lazy"
            data-testid="card-thumb"
            className={`shrink-0 rounded object-cover ${compact ? "hidden h-4 w-4 sm:block" : "h-8 w-8"}`}
          />
        )}
        <span className="min-w-0 flex-1">
          <span className="flex flex-wrap items-center gap-x-1 gap-y-0.5">
            <StatusDot status={post.status} />
            <span className="font-medium tabular-nums">
              {formatInZone(post.publishAt, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}
            </span>
            {post.recurring && (
              <span role="img" aria-label="repeats" data-testid="recurring-marker" className="text-brand-700">
                ↻
              </span>
            )}
            <span role="img" className="inline-flex items-center gap-0.5" aria-label={`on ${names.join("; ")}`} data-testid="card-channels">
              {post.targets.slice(0, 3).map((t) => (
                <CardLogo key={t.channelId} channel={byId.get(t.channelId)} />
              ))}
              {post.targets.length > 3 && <span className="text-[10px] text-slate-600">+{post.targets.length - 3}</span>}
            </span>
            <PostMarkers post={post} />
            {failed && (
              <span className="font-semibold text-red-700" aria-hidden="true">
                !
              </span>
            )}
          </span>
          <span className="sr-only">
            ({style.label.toLowerCase()}
            {note ? `: ${note}` : ""}){" "}
          </span>
          <span
            data-testid="card-snippet"
            className={`break-words text-slate-700 ${compact ? "hidden truncate sm:block" : "line-clamp-2"}`}
          >
            {post.preview}
          </span>
        </span>
      </a>
      {open && <PostPopover id={post.id} version={`${post.publishAt}|${post.status}`} timeZone={timeZone} popId={popId} />}
    </div>
  );
}

const channelName = (c?: Channel) => (c ? channelLabel(c) : "a removed channel");

/** A channel on a card: its platform's logo (the card's group names the channels in full). */
function CardLogo({ channel }: { channel?: Channel }) {
  if (!channel)
    return (
      <span aria-hidden="true" className="text-[10px] text-slate-600">
        ?
      </span>
    );
  return (
    <span aria-hidden="true" data-testid="chip-channel" data-channel-id={channel.id} className="inline-flex">
      <PlatformLogo badge={channel.badge} platform={channel.providerName} size="xs" />
    </span>
  );
}
