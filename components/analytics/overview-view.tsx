"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ChannelLabel } from "@/components/channels/channel-label";
import { api } from "@/lib/client/api";
import { Alert } from "@/components/ui/alert";
import { ScrollBox } from "@/components/ui/scroll-box";
import type { Overview } from "@/lib/analytics/overview";
import { channelDetail, channelLabel } from "@/lib/channels/label";
import { ChangeBadge } from "./change-badge";
import { Chart } from "./chart";
import { CsvButton } from "./csv-button";
import { formatDay, formatNumber } from "./format";
import { RangePicker, usePeriodQuery } from "./range-picker";
import { RecordsView } from "./records-view";
import { RefreshButton } from "./refresh-button";
import { EmptyState, Skeleton } from "./skeleton";

// /analytics: every channel at once for the chosen period, with the change versus the previous
// equal period, the organization's daily series, and our own publishing records.

const COLUMNS = [
  ["followers", "Followers"],
  ["impressions", "Impressions"],
  ["engagements", "Engagements"],
  ["posts_published", "Posts published"],
] as const;

export function OverviewView() {
  const period = usePeriodQuery();
  const q = useQuery({ queryKey: ["analytics", "overview", period], queryFn: () => api<Overview>(`/api/analytics?${period}`) });
  const o = q.data;
  const names = Object.fromEntries(
    (o?.channels ?? []).filter((c) => c.analytics.account || c.analytics.post).map((c) => [c.id, channelLabel(c)]),
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <RangePicker />
        <RefreshButton names={names} ready={!!o} />
      </div>
      {q.error && <Alert>{(q.error as Error).message}</Alert>}
      {!o ? (
        <Skeleton />
      ) : !o.channels.length ? (
        <EmptyState title="No channels yet">
          Connect a channel on the{" "}
          <Link href="/channels" className="text-brand-700 underline">
            Channels
          </Link>{" "}
          page; its figures appear here once collected.
        </EmptyState>
      ) : (
        <>
          <p className="text-sm text-slate-600" data-testid="period">
            {formatDay(o.period.from, true)} – {formatDay(o.period.to, true)} ({o.timeZone}), compared with{" "}
            {formatDay(o.previous.from, true)} – {formatDay(o.previous.to, true)}
          </p>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {o.totals.map((t) => (
              <div key={t.metric} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-total={t.metric}>
                <dt className="text-sm text-slate-500">{t.label}</dt>
                <dd className="mt-1 flex items-baseline justify-between gap-2">
                  <span className="text-2xl font-semibold" data-value={t.figure.current ?? ""}>
                    {formatNumber(t.figure.current)}
                  </span>
                  <ChangeBadge change={t.figure.change} />
                </dd>
              </div>
            ))}
          </dl>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
            <Chart
              title="Impressions per day"
              kind="bar"
              fileName={`impressions-${o.period.from}-${o.period.to}.csv`}
              points={o.series.map((d) => ({ day: d.day, value: d.impressions }))}
            />
            <Chart
              title="Engagements per day"
              kind="bar"
              fileName={`engagements-${o.period.from}-${o.period.to}.csv`}
              points={o.series.map((d) => ({ day: d.day, value: d.engagements }))}
            />
            <Chart
              title="Posts published per day"
              kind="bar"
              fileName={`posts-published-${o.period.from}-${o.period.to}.csv`}
              points={o.series.map((d) => ({ day: d.day, value: d.posts_published }))}
            />
          </div>
          <CollectionProblems channels={o.channels} />
          <ChannelsTable o={o} period={period} />
        </>
      )}
      <RecordsView />
    </div>
  );
}

/** Each channel's collection problems in words, e.g. "Acme: post metrics unavailable: Forbidden". */
function CollectionProblems({ channels }: { channels: Overview["channels"] }) {
  const lines = channels.flatMap((c) => c.collection.problems.map((p) => ({ key: `${c.id}:${p}`, text: `${c.name}: ${p}` })));
  if (!lines.length) return null;
  return (
    <section
      role="status"
      aria-label="Collection problems"
      className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      data-testid="collection-problems"
    >
      <p className="font-medium">Some figures could not be collected; what was collected is shown.</p>
      <ul className="mt-1 list-disc pl-5">
        {lines.map((l) => (
          <li key={l.key}>{l.text}</li>
        ))}
      </ul>
    </section>
  );
}

function ChannelsTable({ o, period }: { o: Overview; period: string }) {
  const rows = o.channels.map((c) => [
    c.name,
    c.providerName,
    channelDetail(c),
    ...COLUMNS.flatMap(([m]) => [c.figures[m]!.current, c.figures[m]!.previous]),
  ]);
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby="channels-h">
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 id="channels-h" className="text-base font-semibold">
          Channels
        </h2>
        <CsvButton
          fileName={`channels-${o.period.from}-${o.period.to}.csv`}
          label="channels table"
          rows={rows}
          header={["channel", "platform", "account", ...COLUMNS.flatMap(([m]) => [m, `${m}_previous`])]}
        />
      </header>
      <ScrollBox label="Channels table">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">
                Channel
              </th>
              {COLUMNS.map(([m, label]) => (
                <th key={m} scope="col" className="px-4 py-2 text-right">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {o.channels.map((c) => (
              <tr key={c.id} className="border-t border-slate-100" data-channel={c.name}>
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  <Link href={`/analytics/channels/${c.id}?${period}`} className="text-brand-700 hover:underline">
                    <ChannelLabel channel={c} layout="stacked" />
                  </Link>
                  {!c.analytics.account && !c.analytics.post && (
                    <span className="block text-xs font-normal text-slate-500">No analytics offered</span>
                  )}
                </th>
                {COLUMNS.map(([m]) => (
                  <td key={m} className="px-4 py-2 text-right" data-metric={m}>
                    {c.missing[m] ? (
                      <span className="block text-xs text-amber-700" title={c.missing[m]} data-missing={m}>
                        unavailable
                      </span>
                    ) : (
                      <span className="block">{formatNumber(c.figures[m]!.current)}</span>
                    )}
                    <ChangeBadge change={c.figures[m]!.change} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
