"use client";
import { useState, useTransition } from "react";
import { checkFeedNowAction, deleteFeedAction, setFeedPausedAction } from "@/app/(app)/feeds/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { CheckResult } from "@/lib/feeds/check";
import type { FeedView } from "@/lib/feeds/queries";
import { FEED_MODE_LABELS } from "@/lib/feeds/timing";
import { FeedForm, type ChannelChoice } from "./feed-form";
import { formatUtc } from "./format";

const STATE_LABELS: Record<string, string> = {
  seen: "Seen when added",
  posting: "Interrupted; not posted",
  posted: "Posted",
  failed: "Failed",
};

function checkSummary(r: CheckResult): string {
  if (r.status === "not-modified") return "Checked: nothing new (not modified)";
  if (r.status === "error") return `Check failed: ${r.error}${r.paused ? " The feed is now paused." : ""}`;
  if (r.status === "ok") return `Checked: ${r.newItems} new, ${r.posted} posted${r.failed ? `, ${r.failed} failed` : ""}`;
  return "This feed no longer exists";
}

function statusLine(f: FeedView): string {
  if (!f.lastCheckedAt) return "Not checked yet";
  const when = formatUtc(f.lastCheckedAt);
  if (f.lastStatus === "error") return `Last check ${when}: failed (${f.consecutiveFailures} in a row)`;
  if (f.lastStatus === "not_modified") return `Last check ${when}: nothing new`;
  return `Last check ${when}: OK`;
}

export function FeedCard({ feed, channels, onChanged }: { feed: FeedView; channels: ChannelChoice[]; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);
  const [pending, start] = useTransition();
  const channelNames = feed.channels.map((c) => channels.find((x) => x.id === c.channelId)?.name ?? "(deleted channel)").join(", ");

  const act = (fn: () => Promise<{ ok?: boolean; error?: string; result?: unknown }>, done: (r: unknown) => string) =>
    start(async () => {
      const res = await fn();
      setMessage(res.ok ? { tone: "success", text: done(res.result) } : { tone: "error", text: res.error ?? "That did not work" });
      onChanged();
    });

  return (
    <Card
      title={feed.title || feed.url}
      description={
        <span className="break-all">
          {feed.url} · {FEED_MODE_LABELS[feed.mode]} · every {feed.intervalMinutes} min · to {channelNames}
        </span>
      }
      actions={
        <div className="flex shrink-0 flex-wrap gap-2">
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              act(
                () => checkFeedNowAction(feed.id),
                (r) => checkSummary(r as CheckResult),
              )
            }
          >
            Check now
          </Button>
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              act(
                () => setFeedPausedAction(feed.id, !feed.paused),
                () => (feed.paused ? "Feed resumed" : "Feed paused"),
              )
            }
          >
            {feed.paused ? "Resume" : "Pause"}
          </Button>
          <Button variant="ghost" disabled={pending} onClick={() => setEditing(!editing)}>
            {editing ? "Close" : "Edit"}
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() => {
              if (confirm(`Stop following ${feed.title || feed.url}? Posts it already made stay.`))
                act(
                  () => deleteFeedAction(feed.id),
                  () => "Feed deleted",
                );
            }}
          >
            Delete
          </Button>
        </div>
      }
    >
      <div className="space-y-3" data-testid="feed-card">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        {feed.paused && <Alert tone="info">Paused: {feed.pausedReason ?? "paused"}. Resume to check it again.</Alert>}
        <p className="text-sm text-slate-700" data-testid="feed-status">
          {statusLine(feed)}
        </p>
        {feed.lastError && feed.lastErrorAt && (
          <p className={`text-sm ${feed.lastStatus === "error" ? "text-red-700" : "text-slate-500"}`}>
            Last error {formatUtc(feed.lastErrorAt)}: {feed.lastError}
          </p>
        )}
        {editing && (
          <FeedForm
            channels={channels}
            feedId={feed.id}
            initial={{ template: feed.template, channels: feed.channels, mode: feed.mode, intervalMinutes: feed.intervalMinutes }}
            onDone={(text) => {
              setEditing(false);
              setMessage({ tone: "success", text });
              onChanged();
            }}
          />
        )}
        <div>
          <h3 className="text-sm font-medium text-slate-900">Recent items</h3>
          {feed.items.length === 0 ? (
            <p className="text-sm text-slate-500">None yet.</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-100 text-sm">
              {feed.items.map((i) => (
                <li key={i.id} className="flex flex-wrap items-baseline justify-between gap-2 py-1.5">
                  <span className="min-w-0 flex-1 truncate">
                    {i.link ? (
                      <a className="text-slate-900 hover:underline" href={i.link} target="_blank" rel="noreferrer noopener">
                        {i.title || i.link}
                      </a>
                    ) : (
                      i.title || "(untitled)"
                    )}
                    {i.error && <span className="block whitespace-normal text-xs text-red-700">{i.error}</span>}
                  </span>
                  <span className="text-xs text-slate-500">
                    {STATE_LABELS[i.state] ?? i.state}
                    {i.postId && (
                      <>
                        {" · "}
                        <a className="text-brand-700 underline" href={`/compose?post=${i.postId}`}>
                          {i.postAt ? `post for ${formatUtc(i.postAt)}` : "draft post"}
                        </a>
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}
