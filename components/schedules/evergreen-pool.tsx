"use client";
import { useState } from "react";
import type { Channel } from "@/components/channels/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { channelLabel } from "@/lib/channels/label";
import { api } from "@/lib/client/api";
import type { EvergreenEntry } from "@/lib/evergreen/pool";
import { formatInZone } from "@/lib/time/zone";

// The evergreen pool: what is in it, when each item may next be re-shared, why the last pass
// skipped it, and a button to take it out. Posts join from the calendar's list ("Make evergreen").
export function EvergreenPool({ initial, channels, timeZone }: { initial: EvergreenEntry[]; channels: Channel[]; timeZone: string }) {
  const [items, setItems] = useState(initial);
  const [error, setError] = useState("");
  const byId = new Map(channels.map((c) => [c.id, c]));
  async function remove(postId: string) {
    setError("");
    try {
      await api(`/api/posts/${postId}/evergreen`, { method: "DELETE" });
      setItems((list) => list.filter((i) => i.postId !== postId));
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <section aria-label="Evergreen pool" className="space-y-3">
      <h2 className="text-lg font-semibold">Evergreen pool</h2>
      <p className="text-sm text-slate-600">
        Every few minutes, each item is re-shared as a new post into the next free queue slot of its channels within the coming week, no
        sooner than its minimum gap after the last re-share, and never where the same text went out within the platform’s duplicate window.
        Add posts from the calendar’s list view (“Make evergreen”).
      </p>
      {error && <Alert>{error}</Alert>}
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">The pool is empty.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {items.map((i) => (
            <li key={i.id} className="flex flex-wrap items-start gap-3 px-4 py-3 text-sm" data-testid="evergreen-item">
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{i.preview || "(no text)"}</p>
                <p className="text-slate-600">
                  {i.channelIds.map((id) => (byId.get(id) ? channelLabel(byId.get(id)!) : "a removed channel")).join(", ")} · every{" "}
                  {i.minGapDays} day{i.minGapDays === 1 ? "" : "s"} at most · re-shared {i.shareCount} time{i.shareCount === 1 ? "" : "s"}
                  {i.nextEligibleAt && ` · next from ${formatInZone(i.nextEligibleAt, timeZone)}`}
                </p>
                {i.lastSkip && <p className="text-amber-800">Last pass skipped: {i.lastSkip}</p>}
              </div>
              <Button variant="danger" onClick={() => remove(i.postId)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
