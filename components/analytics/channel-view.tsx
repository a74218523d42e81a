"use client";
import { useQuery } from "@tanstack/react-query";
import { ChannelLabel } from "@/components/channels/channel-label";
import { api } from "@/lib/client/api";
import { Alert } from "@/components/ui/alert";
import type { ChannelAnalytics } from "@/lib/analytics/channel";
import { collectionProblems } from "@/lib/analytics/gaps";
import { channelLabel } from "@/lib/channels/label";
import { ChangeBadge } from "./change-badge";
import { Chart } from "./chart";
import { formatNumber } from "./format";
import { RangePicker, usePeriodQuery } from "./range-picker";
import { RefreshButton } from "./refresh-button";
import { EmptyState, Skeleton } from "./skeleton";
import { TopPosts } from "./top-posts";

// One channel: a chart per metric (a line for totals such as followers, bars for daily figures),
// each with its figure and change, then the channel's posts sortable by each counter.

export function ChannelView({ channelId }: { channelId: string }) {
  const period = usePeriodQuery();
  const q = useQuery({
    queryKey: ["analytics", "channel", channelId, period],
    queryFn: () => api<ChannelAnalytics>(`/api/analytics/channels/${channelId}?${period}`),
  });
  const c = q.data;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <RangePicker />
        {c && (c.channel.analytics.account || c.channel.analytics.post) && (
          <RefreshButton channelId={channelId} names={{ [channelId]: channelLabel(c.channel) }} />
        )}
      </div>
      {q.error && <Alert>{(q.error as Error).message}</Alert>}
      {!c ? (
        q.error ? null : (
          <Skeleton />
        )
      ) : (
        <>
          <h2 className="text-lg font-semibold">
            <ChannelLabel channel={c.channel} layout="stacked" />
          </h2>
          {!c.channel.analytics.account && !c.channel.analytics.post && (
            <Alert tone="info">
              {c.channel.providerName} offers no analytics to collect; only our own publishing records are shown on the overview.
            </Alert>
          )}
          {c.collection?.state === "failed" && <Alert>Last collection failed: {c.collection.message}</Alert>}
          {c.collection && c.collection.state !== "failed" && c.collection.gaps.length > 0 && (
            <Alert tone="info">
              Some figures could not be collected; what was collected is shown. {collectionProblems(c.collection).join("; ")}.
            </Alert>
          )}
          {c.metrics.length === 0 ? (
            <EmptyState title="Nothing collected for this period">
              {c.channel.analytics.account
                ? "Figures appear after the first collection; use Refresh now to collect them."
                : `${c.channel.providerName} reports figures per post only; see the posts below.`}
            </EmptyState>
          ) : (
            <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
              {c.metrics.map((m) => (
                <div key={m.metric} className="space-y-1">
                  <p className="flex items-baseline justify-between text-sm text-slate-600">
                    <span>
                      {m.kind === "level" ? "Latest" : "Total"}:{" "}
                      <strong className="text-slate-900">{formatNumber(m.figure.current)}</strong>
                    </span>
                    <ChangeBadge change={m.figure.change} />
                  </p>
                  <Chart
                    title={m.label}
                    kind={m.kind === "level" ? "line" : "bar"}
                    points={m.points}
                    fileName={`${c.channel.name}-${m.metric}-${c.period.from}-${c.period.to}.csv`.replace(/[^\w.-]+/g, "-")}
                    note={m.kind === "level" ? "A total as read on each day it was collected." : undefined}
                  />
                </div>
              ))}
            </div>
          )}
          <TopPosts
            posts={c.posts}
            metrics={c.postMetrics}
            timeZone={c.timeZone}
            fileName={`${c.channel.name}-posts-${c.period.from}-${c.period.to}.csv`.replace(/[^\w.-]+/g, "-")}
          />
        </>
      )}
    </div>
  );
}
