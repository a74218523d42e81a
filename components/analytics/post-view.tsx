"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ChannelLabel } from "@/components/channels/channel-label";
import { api } from "@/lib/client/api";
import { Alert } from "@/components/ui/alert";
import type { PostAnalytics } from "@/lib/analytics/post";
import { Chart } from "./chart";
import { formatNumber } from "./format";
import { EmptyState, Skeleton } from "./skeleton";

// One published post: its counters as collected day by day, and the link to the live post.

export function PostView({ targetId, timeZone }: { targetId: string; timeZone: string }) {
  const q = useQuery({ queryKey: ["analytics", "post", targetId], queryFn: () => api<PostAnalytics>(`/api/analytics/posts/${targetId}`) });
  const p = q.data;
  if (q.error) return <Alert>{(q.error as Error).message}</Alert>;
  if (!p) return <Skeleton blocks={2} />;
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <p className="text-sm text-slate-500">
          <Link href={`/analytics/channels/${p.channelId}`} className="text-brand-700 underline">
            <ChannelLabel channel={p.channel} />
          </Link>
          {p.publishedAt && (
            <> · published {new Date(p.publishedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone })}</>
          )}
        </p>
        <p className="mt-2 whitespace-pre-wrap">{p.text}</p>
        {p.url && (
          <a href={p.url} target="_blank" rel="noreferrer" className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
            View the live post ↗
          </a>
        )}
      </section>
      {p.series.length === 0 ? (
        <EmptyState title="No figures collected yet">Post figures are collected daily for 30 days after publishing.</EmptyState>
      ) : (
        <>
          <dl className="flex flex-wrap gap-6">
            {p.series.map((s) => (
              <div key={s.metric}>
                <dt className="text-xs text-slate-500">{s.label}</dt>
                <dd className="text-xl font-semibold">{formatNumber(s.points.at(-1)?.value)}</dd>
              </div>
            ))}
          </dl>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {p.series.map((s) => (
              <Chart key={s.metric} title={s.label} kind="line" points={s.points} fileName={`post-${p.targetId}-${s.metric}.csv`} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
