"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import type { BulkAction } from "@/lib/posts/bulk.schema";

// What to do with the posts picked in the list: move them by some hours or to a day (keeping
// each one's time of day), delete them, or send their failed channels again (POST /api/posts/bulk).

export function BulkBar({
  ids,
  timeZone,
  done,
  fail,
}: {
  ids: string[];
  timeZone: string;
  done: (message: string) => Promise<void>;
  fail: (message: string) => void;
}) {
  const [hours, setHours] = useState("24");
  const [day, setDay] = useState("");
  const [busy, setBusy] = useState(false);
  async function run(body: BulkAction, said: string) {
    setBusy(true);
    try {
      const { result } = await api<{ result: { changed: number; skipped: string[] } }>("/api/posts/bulk", {
        method: "POST",
        body: JSON.stringify(body),
      });
      await done(`${said}: ${result.changed}.${result.skipped.length ? ` Not retried: ${result.skipped.join("; ")}` : ""}`);
    } catch (e) {
      fail((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section
      aria-label="Selected posts"
      className="sticky top-0 z-10 flex flex-wrap items-end gap-3 rounded-lg border border-brand-200 bg-brand-50 p-3 text-sm"
    >
      <p className="font-medium" data-testid="selected-count">
        {ids.length} selected
      </p>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void run({ action: "reschedule", ids, shiftMinutes: Math.round(Number(hours) * 60) }, "Moved");
        }}
      >
        <label className="flex flex-col text-xs">
          Shift by hours
          <input
            type="number"
            step="0.25"
            required
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            className="w-24 rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
        <Button type="submit" variant="secondary" disabled={busy}>
          Shift
        </Button>
      </form>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void run({ action: "reschedule", ids, date: day, timeZone }, "Moved");
        }}
      >
        <label className="flex flex-col text-xs">
          Move to day
          <input
            type="date"
            required
            value={day}
            onChange={(e) => setDay(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
        <Button type="submit" variant="secondary" disabled={busy}>
          Move
        </Button>
      </form>
      <Button variant="secondary" disabled={busy} onClick={() => void run({ action: "retry", ids }, "Queued again")}>
        Retry failed
      </Button>
      <Button
        variant="danger"
        disabled={busy}
        onClick={() =>
          confirm(`Delete ${ids.length} posts from the app? Published posts stay on the platforms.`) &&
          void run({ action: "delete", ids }, "Deleted")
        }
      >
        Delete selected
      </Button>
    </section>
  );
}
