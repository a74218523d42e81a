"use client";
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
import { BulkBar } from "./bulk-bar";
import { channelsOf, filterPosts, groupByDay, type ListFilter } from "./list-filters";
import { formatInZone, startOfDay } from "@/lib/time/zone";

// The schedule as a list (the day/week/month calendar builds on it): each post with its time in
// the user's zone, its overall status and, per channel, the status, the link to the live post or
// the reason it failed, with the action that fixes it. Refreshes itself while work is under way.
// Grouped by day; filtered by status, channel and words; several posts can be picked and moved,
// deleted or retried at once (bulk-bar.tsx).

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
  const [filter, setFilter] = useState<ListFilter>({ status: "", channel: "", search: "" });
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const shown = filterPosts(posts, filter);
  const pickedShown = shown.filter((p) => picked.has(p.id)).map((p) => p.id);
  const togglePick = (id: string, on: boolean) =>
    setPicked((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toast = useToast();
  // The composer lands here after saving; say what happened once, then drop ?saved= from the
  // address so a reload (or Back to this page) does not say it again.
  const announced = useRef(false);
  useEffect(() => {
    if (announced.current) return;
    announced.current = true;
    if (!saved) return;
    if (SAVED[saved]) toast(SAVED[saved]!);
    const url = new URL(window.location.href);
    url.searchParams.delete("saved");
    // The browser's own replaceState (which Next's router follows) rather than router.replace:
    // no server round trip and no re-render of the page, whose title would briefly go missing.
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, [saved, toast]);

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
      <ListToolbar posts={posts} filter={filter} setFilter={setFilter} />
      {pickedShown.length > 0 && (
        <BulkBar
          ids={pickedShown}
          timeZone={timeZone}
          fail={setError}
          done={async (message) => {
            setError("");
            setPicked(new Set());
            toast(message);
            await reload();
          }}
        />
      )}
      {shown.length === 0 && <p className="text-sm text-slate-600">No post matches these filters.</p>}
      {groupByDay(shown, timeZone).map(([day, group]) => (
        <section key={day || "undated"} aria-label={day ? dayTitle(day, timeZone) : "No time set"} className="space-y-2">
          <h2 className="text-sm font-semibold text-slate-700">{day ? dayTitle(day, timeZone) : "No time set"}</h2>
          <ul className="space-y-3" aria-label="Posts">
            {group.map((p) => (
              <li
                key={p.id}
                data-testid="post"
                data-post-id={p.id}
                className={`rounded-lg border bg-white p-4 ${p.id === highlight ? "border-brand-500 ring-2 ring-brand-100" : "border-slate-200"}`}
              >
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <div className="flex items-center gap-3">
                    <input
                      type="checkbox"
                      checked={picked.has(p.id)}
                      onChange={(e) => togglePick(p.id, e.target.checked)}
                      aria-label={`Select the post of ${p.publishAt ? formatInZone(p.publishAt, timeZone) : "no set time"}: ${(p.targets[0]?.items[0]?.text ?? "").slice(0, 40)}`}
                    />
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
                <PostBody post={p} />
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
        </section>
      ))}
    </div>
  );
}

const dayTitle = (day: string, timeZone: string) => formatInZone(startOfDay(day, timeZone), timeZone, { dateStyle: "full" });

/** The first text, a thumbnail of the first image, and how long the thread is. */
function PostBody({ post }: { post: PostView }) {
  const items = post.targets[0]?.items ?? [];
  const image = items[0]?.media.find((m) => m.mediaId && m.mimeType.startsWith("image/"));
  const media = items[0]?.media.length ?? 0;
  return (
    <div className="mt-2 flex gap-3">
      {image && (
        // eslint-disable-next-line @next/next/no-img-element -- the app's own media file, drawn small
        <img
          src={`/api/media/${image.mediaId}/file`}
          alt={image.alt ?? ""}
          loading="lazy"
          data-testid="post-thumb"
          className="h-14 w-14 shrink-0 rounded object-cover"
        />
      )}
      <div className="min-w-0 space-y-1">
        <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{items[0]?.text}</p>
        {(items.length > 1 || media > 0) && (
          <p className="text-xs text-slate-600" data-testid="post-counts">
            {items.length > 1 && `Thread of ${items.length} posts (${items.length - 1} ${items.length === 2 ? "reply" : "replies"})`}
            {items.length > 1 && media > 0 && " · "}
            {media > 0 && `${media} media`}
          </p>
        )}
      </div>
    </div>
  );
}

function ListToolbar({ posts, filter, setFilter }: { posts: PostView[]; filter: ListFilter; setFilter: (f: ListFilter) => void }) {
  const field = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <div role="search" className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col text-xs">
        Search posts
        <input type="search" value={filter.search} onChange={(e) => setFilter({ ...filter, search: e.target.value })} className={field} />
      </label>
      <label className="flex flex-col text-xs">
        Status
        <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })} className={field}>
          <option value="">Any status</option>
          {Object.keys(STATUS_STYLE).map((s) => (
            <option key={s} value={s}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs">
        Channel
        <select value={filter.channel} onChange={(e) => setFilter({ ...filter, channel: e.target.value })} className={field}>
          <option value="">All channels</option>
          {channelsOf(posts).map((c) => (
            <option key={c.id} value={c.id}>
              {channelLabel(c)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function TargetRow({ t, timeZone, onRetry }: { t: TargetView; timeZone: string; onRetry: () => void }) {
  return (
    <li data-testid="target" className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
      <div className="min-w-0 space-y-1">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
          <ChannelLabel channel={t.channel} className="min-w-0 font-medium" />
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
      <div className="flex flex-wrap items-center gap-3">
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
