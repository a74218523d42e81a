"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "@/lib/client/api";
import type { Channel } from "@/components/channels/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptySchedule } from "./empty-schedule";
import { FreeSlotLinks, useFreeSlots, useSlotCells } from "./free-slots";
import { Chips, DropCell, HourRow, MONTH_CELL_MAX, WEEK_CELL_MAX } from "./calendar-cells";
import { ChannelFilter } from "./channel-filter";
import { DayAgenda, usePhone } from "./day-agenda";
import { NewPostSlot, NextQueueSlot, nextSlotFrom, slotTime } from "./new-post-slot";
import { StatusLegend } from "./status-legend";
import { useCalendarUrl } from "./url-state";
import type { CalendarPost } from "@/lib/posts/calendar";
import { addDays, dateToWallTime, formatInZone, startOfDay, todayIn, wallTimeToDate, weekdayIndex } from "@/lib/time/zone";

// Day, week and month views in the user's time zone. Each post is a card (post-card.tsx); a
// scheduled post can be dragged to another day or hour, and the server decides: a refusal puts it
// back with the reason. An empty slot opens the composer at its time. The view, date and channel
// filter live in the address (url-state.ts). Data comes from /api/calendar (one compact query).

export type CalendarMode = "day" | "week" | "month";
type Props = { timeZone: string; channels: Channel[]; mode: CalendarMode; initialDate: string; initialChannels: string[] };

// The hour the day and week views open at (the working day), rather than midnight.
const FIRST_SHOWN_HOUR = 8;
// A new post from an empty month day starts at this hour.
const MONTH_NEW_POST_HOUR = 9;

/** The days a view shows, and the instants its range covers. */
function visibleDays(mode: CalendarMode, anchor: string): string[] {
  if (mode === "day") return [anchor];
  if (mode === "week") {
    const monday = addDays(anchor, -weekdayIndex(anchor));
    return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  }
  const first = `${anchor.slice(0, 8)}01`;
  const start = addDays(first, -weekdayIndex(first));
  return Array.from({ length: 42 }, (_, i) => addDays(start, i));
}

export function CalendarView({ timeZone, channels, mode, initialDate, initialChannels }: Props) {
  const [anchor, setAnchor] = useState(initialDate);
  const [posts, setPosts] = useState<CalendarPost[] | null>(null);
  const [picked, setPicked] = useState<string[]>(() => initialChannels.filter((id) => channels.some((c) => c.id === id)));
  const filter = picked.join(",");
  const [today] = useState(() => todayIn(timeZone));
  useCalendarUrl({ view: mode, date: anchor, channels: picked }, mode === "week" && anchor === today && picked.length === 0);
  const hours = useRef<HTMLElement>(null);
  const phone = usePhone();
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const days = useMemo(() => visibleDays(mode, anchor), [mode, anchor]);
  const range = useMemo(
    () => ({ from: startOfDay(days[0]!, timeZone), to: startOfDay(addDays(days[days.length - 1]!, 1), timeZone) }),
    [days, timeZone],
  );
  const byId = useMemo(() => new Map(channels.map((c) => [c.id, c])), [channels]);

  const load = useCallback(async () => setPosts(await fetchRange(range, filter)), [range, filter]);
  useEffect(() => {
    let live = true;
    fetchRange(range, filter).then(
      (p) => live && setPosts(p),
      (e) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [range, filter]);

  // Each post's local day and hour, worked out once per load (time-zone formatting is the costly
  // part of drawing a busy month), then looked up per cell.
  const placed = useMemo(() => {
    const cells = new Map<string, CalendarPost[]>();
    const put = (key: string, p: CalendarPost) => {
      const list = cells.get(key);
      if (list) list.push(p);
      else cells.set(key, [p]);
    };
    for (const p of posts ?? []) {
      const wall = dateToWallTime(new Date(p.publishAt), timeZone);
      put(wall.slice(0, 10), p);
      put(`${wall.slice(0, 10)} ${wall.slice(11, 13)}:00`, p);
    }
    return cells;
  }, [posts, timeZone]);

  // Empty queue slots on the day and week views (hour cells), fetched again as the posts change.
  const freeSlots = useFreeSlots(range, filter, mode !== "month", posts);
  const freeCells = useSlotCells(freeSlots, timeZone);

  // The day and week views scroll inside their own box, opened at the working day.
  const loaded = posts !== null;
  useEffect(() => {
    const box = hours.current;
    const row = box?.querySelector<HTMLElement>(`[data-hour="${FIRST_SHOWN_HOUR}"]`);
    if (box && row) box.scrollTop = row.offsetTop - (box.querySelector<HTMLElement>("[data-day-head]")?.offsetHeight ?? 0);
  }, [loaded, mode, phone]);

  /** A drop on a day (keeping the time) or an hour cell (keeping the minutes). */
  function move(id: string, day: string, hour?: number) {
    const post = posts?.find((p) => p.id === id);
    if (!post) return;
    const wall = dateToWallTime(new Date(post.publishAt), timeZone);
    const time = hour === undefined ? wall.slice(11, 16) : `${String(hour).padStart(2, "0")}:${wall.slice(14, 16)}`;
    void moveTo(id, wallTimeToDate(`${day}T${time}`, timeZone));
  }

  /** Keyboard: Alt+Left/Right moves a day, Alt+Up/Down an hour. */
  function nudge(id: string, days: number, hours: number) {
    const post = posts?.find((p) => p.id === id);
    if (!post) return;
    const wall = dateToWallTime(new Date(post.publishAt), timeZone);
    const shifted = wallTimeToDate(`${addDays(wall.slice(0, 10), days)}T${wall.slice(11, 16)}`, timeZone);
    void moveTo(id, new Date(shifted.getTime() + hours * 3_600_000));
  }

  async function moveTo(id: string, publishAt: Date) {
    setError("");
    setNotice("");
    setPosts((list) => list?.map((p) => (p.id === id ? { ...p, publishAt: publishAt.toISOString() } : p)) ?? null);
    try {
      await api(`/api/posts/${id}/reschedule`, { method: "POST", body: JSON.stringify({ publishAt }) });
      setNotice(`Moved to ${formatInZone(publishAt, timeZone)}.`);
    } catch (e) {
      setError(`Not moved: ${(e as Error).message}`);
    }
    await load().catch(() => undefined);
  }

  const step = mode === "month" ? 0 : mode === "week" ? 7 : 1;
  const shift = (dir: number) => setAnchor((a) => (mode === "month" ? shiftMonth(a, dir) : addDays(a, dir * step)));
  const title =
    mode === "month"
      ? formatInZone(startOfDay(`${anchor.slice(0, 8)}15`, timeZone), timeZone, { month: "long", year: "numeric" })
      : mode === "week"
        ? `Week of ${formatInZone(startOfDay(days[0]!, timeZone), timeZone, { dateStyle: "medium" })}`
        : formatInZone(startOfDay(anchor, timeZone), timeZone, { dateStyle: "full" });

  return (
    <div className="min-w-0 max-w-full space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => shift(-1)} aria-label="Previous">
          ‹
        </Button>
        <Button variant="secondary" onClick={() => setAnchor(dateToWallTime(new Date(), timeZone).slice(0, 10))}>
          Today
        </Button>
        <Button variant="secondary" onClick={() => shift(1)} aria-label="Next">
          ›
        </Button>
        <h2 className="ml-2 text-lg font-semibold" data-testid="calendar-title">
          {title}
        </h2>
        <div className="ml-auto">
          <ChannelFilter channels={channels} value={picked} onChange={setPicked} />
        </div>
      </div>
      <p className="text-xs text-slate-600">
        Times in {timeZone}. Click an empty {mode === "month" ? "day" : "hour"} to write a post for it.
        <span className="pointer-coarse:hidden">
          {" "}
          Drag a scheduled post to another {mode === "month" ? "day" : "day or hour"} to reschedule it, or focus it and press Alt+arrows (a
          day left or right, an hour up or down).
        </span>
      </p>
      <StatusLegend />
      {error && <Alert>{error}</Alert>}
      {notice && !error && <Alert tone="success">{notice}</Alert>}
      {posts !== null && posts.length === 0 && (
        <EmptySchedule
          hasChannels={channels.length > 0}
          nothing={`Nothing ${picked.length ? `for ${picked.length === 1 ? "this channel" : "these channels"} ` : ""}in this ${mode}.`}
          className="rounded-md border border-dashed border-slate-300 bg-white px-3 py-2 text-sm text-slate-600"
        />
      )}
      {posts === null ? (
        <CalendarSkeleton />
      ) : mode === "day" && phone ? (
        <DayAgenda day={anchor} posts={placed.get(anchor) ?? []} timeZone={timeZone} byId={byId} nudge={nudge} moveTo={moveTo} />
      ) : mode === "month" ? (
        <section aria-label="Month" className="grid grid-cols-7 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200">
          {WEEKDAYS.map((w) => (
            <div key={w} aria-hidden="true" className="bg-slate-50 px-1 py-1 text-center text-xs font-medium text-slate-600">
              {w}
            </div>
          ))}
          {days.map((d) => (
            <DropCell
              key={d}
              label={d}
              onDrop={(id) => move(id, d)}
              background={<NewPostSlot at={slotTime(d, MONTH_NEW_POST_HOUR, timeZone)} timeZone={timeZone} label="New" />}
              className={`min-h-24 min-w-0 p-1 ${d.slice(0, 7) !== anchor.slice(0, 7) ? "bg-slate-50" : "bg-white"}`}
            >
              <div className="w-fit text-xs text-slate-600" aria-current={d === today ? "date" : undefined}>
                <span
                  className={
                    d === today ? "inline-flex h-5 w-5 items-center justify-center rounded-full bg-brand-600 font-semibold text-white" : ""
                  }
                >
                  {Number(d.slice(8))}
                </span>
              </div>
              <Chips
                posts={placed.get(d)}
                max={MONTH_CELL_MAX}
                moreHref={`/calendar?view=day&date=${d}`}
                day={d}
                timeZone={timeZone}
                byId={byId}
                nudge={nudge}
                compact
              />
            </DropCell>
          ))}
        </section>
      ) : (
        <section
          ref={hours}
          aria-label={mode === "week" ? "Week" : "Day"}
          className="max-h-[70vh] max-w-full overflow-auto overscroll-contain rounded-lg border border-slate-200"
        >
          <div className="grid" style={{ gridTemplateColumns: `3.5rem repeat(${days.length}, minmax(8rem, 1fr))` }}>
            <div data-day-head className="sticky top-0 z-20 bg-slate-50" />
            {days.map((d) => (
              <div
                key={d}
                aria-current={d === today ? "date" : undefined}
                className={`sticky top-0 z-20 border-b border-slate-200 p-2 text-center text-xs font-medium ${d === today ? "bg-brand-600 text-white" : "bg-slate-50"}`}
              >
                {formatInZone(startOfDay(d, timeZone), timeZone, { weekday: "short", month: "short", day: "numeric" })}
                {d === today && <span className="sr-only"> (today)</span>}
              </div>
            ))}
            {Array.from({ length: 24 }, (_, h) => (
              <HourRow
                key={h}
                hour={h}
                days={days}
                today={today}
                placed={placed}
                max={mode === "week" ? WEEK_CELL_MAX : Infinity}
                move={move}
                nudge={nudge}
                timeZone={timeZone}
                byId={byId}
                background={(d) => (
                  <NewPostSlot at={slotTime(d, h, timeZone)} timeZone={timeZone} label={`${String(h).padStart(2, "0")}:00`} />
                )}
                extra={(d) => {
                  const key = `${d} ${String(h).padStart(2, "0")}:00`;
                  const here = freeCells.get(key);
                  if (here?.length) return <FreeSlotLinks slots={here} byId={byId} />;
                  // An empty hour offers the next free queue slot after it (where a channel has a schedule).
                  if (placed.has(key) || !freeSlots.length) return null;
                  return <NextQueueSlot slot={nextSlotFrom(freeSlots, slotTime(d, h, timeZone))} byId={byId} timeZone={timeZone} />;
                }}
              />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

async function fetchRange(range: { from: Date; to: Date }, channel: string): Promise<CalendarPost[]> {
  const q = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString(), ...(channel ? { channels: channel } : {}) });
  return (await api<{ posts: CalendarPost[] }>(`/api/calendar?${q}`)).posts;
}

function shiftMonth(date: string, dir: number): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + dir, 1));
  return d.toISOString().slice(0, 10);
}

// Weeks start on Monday (weekdayIndex counts from Monday).
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function CalendarSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading the calendar"
      className="grid animate-pulse grid-cols-7 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200"
    >
      {Array.from({ length: 35 }, (_, i) => (
        <div key={i} className="h-24 bg-white" />
      ))}
    </div>
  );
}
