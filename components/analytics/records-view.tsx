"use client";
import { useQuery } from "@tanstack/react-query";
import { ScrollBox } from "@/components/ui/scroll-box";
import { api } from "@/lib/client/api";
import type { Records } from "@/lib/analytics/records";
import { CsvButton } from "./csv-button";
import { formatDay } from "./format";
import { usePeriodQuery } from "./range-picker";

// From our own records: posts published per channel per week, the success rate, and failures by reason.

export function RecordsView() {
  const period = usePeriodQuery();
  const q = useQuery({ queryKey: ["analytics", "records", period], queryFn: () => api<Records>(`/api/analytics/records?${period}`) });
  const r = q.data;
  return (
    <section aria-labelledby="records-h" className="space-y-4">
      <h2 id="records-h" className="text-lg font-semibold">
        Publishing, from our records
      </h2>
      {!r ? (
        <div role="status" aria-busy="true" className="h-32 animate-pulse rounded-lg bg-slate-100">
          <span className="sr-only">Loading records…</span>
        </div>
      ) : (
        <>
          <p className="text-sm text-slate-700" data-testid="success-rate">
            {r.totals.successRate === null
              ? "No post reached an outcome in this period."
              : `${Math.round(r.totals.successRate * 10) / 10}% published successfully (${r.totals.published} published, ${r.totals.failed} failed, ${r.totals.unconfirmed} unconfirmed).`}
          </p>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <Table
              title="Posts published per week"
              fileName="posts-per-week.csv"
              header={["Channel", ...r.weeks.map((w) => formatDay(w))]}
              caption="Weeks start on Monday; each column is the week starting that day."
              csvHeader={["channel", ...r.weeks]}
              rows={r.channels.map((c) => [c.name, ...c.perWeek])}
              empty="Nothing was published in this period."
            />
            <Table
              title="Failures by reason"
              fileName="failures-by-reason.csv"
              header={["Reason", "Count", "Example"]}
              csvHeader={["reason", "count", "example"]}
              rows={r.failures.map((f) => [f.label, f.count, f.example ?? ""])}
              empty="No failures in this period."
            />
          </div>
        </>
      )}
    </section>
  );
}

function Table({
  title,
  fileName,
  header,
  csvHeader,
  rows,
  empty,
  caption,
}: {
  title: string;
  fileName: string;
  header: string[];
  csvHeader: string[];
  rows: (string | number)[][];
  empty: string;
  caption?: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h3 className="text-sm font-semibold">{title}</h3>
        <CsvButton fileName={fileName} label={title} header={csvHeader} rows={rows} />
      </div>
      {rows.length ? (
        <ScrollBox label={title}>
          <table className="w-full text-sm">
            {caption && <caption className="px-4 pt-2 text-left text-xs text-slate-500">{caption}</caption>}
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                {header.map((h, i) => (
                  <th key={h} scope="col" className={`px-4 py-2 ${i ? "text-right" : ""}`}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-100">
                  {row.map((v, j) =>
                    j === 0 ? (
                      <th key={j} scope="row" className="px-4 py-2 text-left font-medium">
                        {v}
                      </th>
                    ) : (
                      <td key={j} className="px-4 py-2 text-right">
                        {v}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      ) : (
        <p className="px-4 py-6 text-sm text-slate-500">{empty}</p>
      )}
    </div>
  );
}
