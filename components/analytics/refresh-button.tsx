"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { api } from "@/lib/client/api";
import { collectionProblems } from "@/lib/analytics/gaps";
import type { CollectionStatus } from "@/lib/analytics/state";

// "Refresh now": asks the server to collect (all channels, or one), then follows the collection
// rows until none is pending, queued or running, showing how far each got; the dashboard's data
// is reloaded at the end.

const BUSY = new Set(["pending", "queued", "running"]);

/**
 * `ready` is false until the page knows its channels: `names` decides whose progress is shown, so a
 * click before the overview has loaded would find "no channel" and stop polling.
 */
export function RefreshButton({ channelId, names, ready = true }: { channelId?: string; names: Record<string, string>; ready?: boolean }) {
  const client = useQueryClient();
  const [statuses, setStatuses] = useState<CollectionStatus[] | null>(null);
  const [error, setError] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function poll() {
    const { channels } = await api<{ channels: CollectionStatus[] }>("/api/analytics/status");
    const mine = channels.filter((c) => (channelId ? c.channelId === channelId : names[c.channelId] !== undefined));
    setStatuses(mine);
    if (mine.some((c) => BUSY.has(c.state)))
      timer.current = setTimeout(() => void poll().catch((e) => setError((e as Error).message)), 1000);
    else await client.invalidateQueries({ queryKey: ["analytics"] });
  }

  async function refresh() {
    setError("");
    try {
      await api("/api/analytics/refresh", { method: "POST", body: JSON.stringify(channelId ? { channelId } : {}) });
      await poll();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const busy = statuses?.some((c) => BUSY.has(c.state)) ?? false;
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={refresh}
        disabled={busy || !ready}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {busy ? "Refreshing…" : "Refresh now"}
      </button>
      <div role="status" aria-live="polite" className="text-right text-xs text-slate-600">
        {statuses && refreshSummary(statuses)}
        {statuses
          ?.filter((c) => c.state !== "done")
          .map((c) => (
            <p key={c.channelId}>
              {names[c.channelId] ?? "Channel"}:{" "}
              {c.state === "running" && c.total ? (
                <progress
                  max={c.total}
                  value={c.done}
                  aria-label={`${names[c.channelId] ?? "Channel"} progress`}
                  className="h-2 w-20 align-middle"
                />
              ) : null}{" "}
              {describe(c)}
            </p>
          ))}
        {error && (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

/** The line under the button. "Up to date" only when every collection got everything: never beside a failure or a gap. */
export function refreshSummary(statuses: Pick<CollectionStatus, "state">[]): string {
  if (!statuses.length) return "No channel with analytics to refresh";
  const finished = statuses.filter((c) => !BUSY.has(c.state)).length;
  if (finished < statuses.length) return `Collecting: ${finished} of ${statuses.length} channel(s) done`;
  const troubled = statuses.filter((c) => c.state !== "done").length;
  return troubled ? `Finished with problems on ${troubled} of ${statuses.length} channel(s)` : "Up to date";
}

export function describe(c: CollectionStatus): string {
  if (c.state === "running") return c.step ?? "collecting";
  const problems = collectionProblems(c).join("; ");
  if (c.state === "waiting") {
    const when = c.retryAt ? `trying again at ${new Date(c.retryAt).toLocaleTimeString()}` : "trying again later";
    return c.gaps.length ? `${problems}; ${when}` : `rate limited or unavailable, ${when}`;
  }
  if (c.state === "failed" || c.state === "partial") return problems;
  return c.state;
}
