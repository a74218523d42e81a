"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api, ApiError } from "@/lib/client/api";
import { dateToWallTime, formatInZone } from "@/lib/time/zone";

// "Add to queue": beside Schedule and Post now. Each picked channel's post goes into that
// channel's next free schedule slot (POST /api/queue); a channel whose queue is paused or has no
// slots is skipped and named. Then the calendar opens on the week of the first slot.

type Queued = { posts: { postId: string; channelId: string; at: string }[]; skipped: { channelId: string; reason: string }[] };

type Props = {
  /** The targets of the post as the composer would send them. */
  targets: () => unknown[];
  blocked: boolean;
  timeZone: string;
  onRefused: (message: string, fields: Record<string, string>) => void;
  /** Autosave stops before queueing, and removes the draft it made once the posts are queued. */
  beforeQueue?: () => Promise<void>;
  afterQueue?: (ok: boolean) => Promise<void>;
};

export function AddToQueue({ targets, blocked, timeZone, onRefused, beforeQueue, afterQueue }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  async function queue() {
    setBusy(true);
    await beforeQueue?.();
    try {
      const res = await api<Queued>("/api/queue", { method: "POST", body: JSON.stringify({ targets: targets() }) });
      await afterQueue?.(true);
      const times = [
        ...new Set(res.posts.map((p) => formatInZone(p.at, timeZone, { weekday: "short", hour: "2-digit", minute: "2-digit" }))),
      ];
      toast(`Queued for ${times.join(", ")}.${res.skipped.length ? ` Skipped: ${res.skipped.map((s) => s.reason).join("; ")}.` : ""}`);
      const first = res.posts.map((p) => p.at).sort()[0]!;
      router.push(`/calendar?view=week&date=${dateToWallTime(new Date(first), timeZone).slice(0, 10)}`);
      router.refresh();
    } catch (e) {
      onRefused(
        e instanceof ApiError && e.fields ? "The post was not queued. Fix the problems below." : (e as Error).message,
        e instanceof ApiError ? (e.fields ?? {}) : {},
      );
      toast("The post was not queued.", "error");
      await afterQueue?.(false);
      setBusy(false);
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" disabled={busy || blocked} onClick={queue}>
        {busy ? "Queueing…" : "Add to queue"}
      </Button>
      <span className="text-xs text-slate-600">Each channel’s next free slot (set on the Schedules page).</span>
    </div>
  );
}
