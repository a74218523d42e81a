"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { normalizeSlots, WEEKDAYS, type Slot } from "@/lib/schedules/slots";

// The weekly slots of a schedule: add a time on one weekday or on every day, remove one.
export function SlotEditor({ slots, onChange }: { slots: Slot[]; onChange: (s: Slot[]) => void }) {
  const [day, setDay] = useState("all");
  const [time, setTime] = useState("09:00");
  const add = () => {
    const days = day === "all" ? [0, 1, 2, 3, 4, 5, 6] : [Number(day)];
    onChange(normalizeSlots([...slots, ...days.map((weekday) => ({ weekday, time }))]));
  };
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Weekly slots</legend>
      <div className="flex flex-wrap items-end gap-2">
        <div className="text-sm">
          <label htmlFor="slot-day" className="block text-slate-600">
            Day
          </label>
          <select
            id="slot-day"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-2"
          >
            <option value="all">Every day</option>
            {WEEKDAYS.map((w, i) => (
              <option key={w} value={i}>
                {w}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor="slot-time" className="block text-slate-600">
            Time
          </label>
          <input
            id="slot-time"
            type="time"
            value={time}
            onChange={(e) => setTime(e.target.value)}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5"
          />
        </div>
        <Button type="button" variant="secondary" onClick={add} disabled={!/^\d{2}:\d{2}$/.test(time)}>
          Add slot
        </Button>
      </div>
      {slots.length === 0 ? (
        <p className="text-sm text-slate-600">No slots yet: “Add to queue” skips a channel without slots.</p>
      ) : (
        <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-4" aria-label="Slots">
          {WEEKDAYS.map((w, i) => {
            const mine = slots.filter((s) => s.weekday === i);
            if (!mine.length) return null;
            return (
              <li key={w} className="rounded-md border border-slate-200 bg-white p-2 text-sm">
                <span className="font-medium">{w}</span>
                <span className="ml-2 inline-flex flex-wrap gap-1">
                  {mine.map((s) => (
                    <button
                      key={s.time}
                      type="button"
                      className="rounded bg-slate-100 px-1.5 text-xs hover:bg-red-100"
                      aria-label={`Remove ${w} ${s.time}`}
                      onClick={() => onChange(slots.filter((x) => x !== s))}
                    >
                      {s.time} ×
                    </button>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
