"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { EmptySchedule } from "@/components/calendar/empty-schedule";
import { ChannelLabel } from "@/components/channels/channel-label";
import { api } from "@/lib/client/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SeriesDeleteButtons } from "./series-delete-buttons";
import { useToast } from "@/components/ui/toast";
import { channelLabel } from "@/lib/channels/label";
import type { PostView, TargetView } from "@/lib/posts/queries";
import { retryText } from "@/lib/posts/retry";
import { EvergreenButton } from "./evergreen-button";
import { formatInZone } from "@/lib/time/zone";

// The schedule as a list (the day/week/month calendar builds on it): each post with its time in
// the user's zone, its overall status and, per channel, the status, the link to the live post or
// the reason it failed, with the action that fixes it. Refreshes itself while work is under way.

type Props = {
  initialPosts: PostView[];
  timeZone: string;
  range: { from: string; to: string };
  highlight?: string;
  saved?: string;
  hasChannels: boolean;
};

const STATUS_STYLE: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700",
  scheduled: "bg-blue-100 text-blue-800",
  publishing: "bg-amber-100 text-amber-800",
  retrying: "bg-yellow-100 text-yellow-900",
  published: "bg-green-100 text-green-800",
  partial: "bg-orange-100 text-orange-800",
  failed: "bg-red-100 text-red-800",
  unconfirmed: "bg-purple-100 text-purple-800",
  cancelled: "bg-slate-100 text-slate-500",
};
const SAVED: Record<string, string> = { schedule: "Post scheduled.", now: "Publishing now.", draft: "Draft saved." };

export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="status" className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status] ?? ""}`}>
      {status[0]!.toUpperCase() + status.slice(1)}
    </span>
  );
}

export function PostList({ initialPosts, timeZone, range, highlight, saved, hasChannels }: Props) {
  const [posts, setPosts] = useState(initialPosts);
  const [error, setError] = useState("");
  const toast = useToast();
  // The composer lands here after saving; say what happened once, then drop ?saved= from the
  // address so a reload (or Back to this page) does not say it again.
  const announced = useRef(false);
  const router = useRouter();
  useEffect(() => {
    if (announced.current) return;
    announced.current = true;
    if (!saved) return;
    if (SAVED[saved]) toast(SAVED[saved]!);
    const url = new URL(window.location.href);
    url.searchParams.delete("saved");
    router.replace(`${url.pathname}${url.search}`, { scroll: false });
  }, [saved, toast, router]);

  const reload = useCallback(async () => {
    const q = new URLSearchParams({ from: range.from, to: range.to, drafts: "1" });
    const { posts } = await api<{ posts: PostView[] }>(`/api/posts?${q}`);
    setPosts(posts);
  }, [range.from, range.to]);

  // Poll quickly while something is publishing or due within minutes, slowly otherwise.
  const soon = posts.some((p) =>
    p.targets.some(
      (t) => t.status === "publishing" || (t.status === "scheduled" && t.dueAt && new Date(t.dueAt).getTime() - Date.now() < 5 * 60_000),
    ),
  );
  useEffect(() => {
    const t = setInterval(() => void reload().catch(() => undefined), soon ? 2000 : 30_000);
    return () => clearInterval(t);
  }, [reload, soon]);

  async function act(label: string, url: string, method = "POST") {
    setError("");
    try {
      await api(url, { method });
      toast(label);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (posts.length === 0) {
    return (
      <EmptySchedule
        hasChannels={hasChannels}
        nothing="Nothing scheduled."
        className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600"
      />
    );
  }
  return (
    <div className="space-y-4">
      {error && <Alert>{error}</Alert>}
      <ul className="space-y-3" aria-label="Posts">
        {posts.map((p) => (
          <li
            key={p.id}
            data-testid="post"
            data-post-id={p.id}
            className={`rounded-lg border bg-white p-4 ${p.id === highlight ? "border-brand-500 ring-2 ring-brand-100" : "border-slate-200"}`}
          >
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="flex items-center gap-3">
                <StatusBadge status={p.status} />
                <span className="text-sm font-medium">{p.publishAt ? formatInZone(p.publishAt, timeZone) : "No time set"}</span>
              </div>
              <div className="flex flex-wrap gap-2">
                <a
                  href={`/compose?post=${p.id}`}
                  className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
                >
                  {["published", "publishing", "unconfirmed"].includes(p.status) ? "Open" : "Edit"}
                  <span className="sr-only"> post of {p.publishAt ? formatInZone(p.publishAt, timeZone) : "no set time"}</span>
                </a>
                {p.targets.some((t) => t.status === "scheduled") && (
                  <Button
                    variant="secondary"
                    onClick={() => act("Cancelled: nothing more of this post will be sent.", `/api/posts/${p.id}/cancel`)}
                  >
                    Cancel
                  </Button>
                )}
                <Button variant="secondary" onClick={() => act("Copied as a new draft.", `/api/posts/${p.id}/duplicate`)}>
                  Duplicate
                </Button>
                {["draft", "published", "partial"].includes(p.status) && <EvergreenButton postId={p.id} />}
                {p.repeats ? (
                  <SeriesDeleteButtons postId={p.id} act={act} />
                ) : (
                  <Button
                    variant="danger"
                    onClick={() =>
                      confirm("Delete this post from the app? Published posts stay on the platforms.") &&
                      act("Post deleted.", `/api/posts/${p.id}`, "DELETE")
                    }
                  >
                    Delete
                  </Button>
                )}
              </div>
            </div>
            {p.repeats && (
              <p className="mt-2 text-xs text-slate-600" data-testid="post-repeats">
                ↻ {p.repeats}
              </p>
            )}
            <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800">{p.targets[0]?.items[0]?.text}</p>
            <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100">
              {p.targets.map((t) => (
                <TargetRow
                  key={t.id}
                  t={t}
                  timeZone={timeZone}
                  onRetry={() => act(`Queued again for ${channelLabel(t.channel)}.`, `/api/targets/${t.id}/retry`)}
                />
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TargetRow({ t, timeZone, onRetry }: { t: TargetView; timeZone: string; onRetry: () => void }) {
  return (
    <li data-testid="target" className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
      <div className="space-y-1">
        <div className="flex items-center gap-2">
          <ChannelLabel channel={t.channel} className="font-medium" />
          <StatusBadge status={t.retry ? "retrying" : t.status} />
          {t.progress && (
            <span className="text-xs text-slate-600" data-testid="target-progress">
              {t.progress}
            </span>
          )}
          {t.publishedAt && (
            <span className="text-xs text-slate-500">at {formatInZone(t.publishedAt, timeZone, { timeStyle: "medium" })}</span>
          )}
        </div>
        <TargetNote t={t} timeZone={timeZone} />
        {t.warnings.map((w) => (
          <p key={w} className="text-xs text-amber-700" data-testid="target-warning">
            Published with a warning: {w}
          </p>
        ))}
      </div>
      <div className="flex items-center gap-3">
        {t.links.map((l, i) => (
          <a key={l.id} href={l.url} target="_blank" rel="noreferrer" className="text-brand-700 underline">
            {t.links.length > 1 ? `View item ${i + 1} on ${t.channel.providerName}` : `View on ${t.channel.providerName}`}
          </a>
        ))}
        {t.canRetry && (
          <Button variant="secondary" onClick={onRetry}>
            {t.status === "unconfirmed" ? "It is not there: publish again" : "Retry"}
          </Button>
        )}
      </div>
    </li>
  );
}

/** Why a channel is waiting or failed: a retry with its time in the user's zone, or the failure's reason. */
export function TargetNote({
  t,
  timeZone,
  className = "text-xs",
  alert,
}: {
  t: TargetView;
  timeZone: string;
  className?: string;
  alert?: boolean;
}) {
  if (t.retry)
    return (
      <p data-testid="retry-note" className={`${className} text-amber-800`}>
        {retryText(t.retry, timeZone)}
      </p>
    );
  if (!t.errorMessage) return null;
  return (
    <p role={alert ? "alert" : undefined} className={`${className} ${t.status === "scheduled" ? "text-amber-800" : "text-red-700"}`}>
      {t.errorMessage}
    </p>
  );
}
