"use client";
import Link from "next/link";
import { useState } from "react";
import type { TopPost } from "@/lib/analytics/channel";
import { ScrollBox } from "@/components/ui/scroll-box";
import { metricInfo } from "@/lib/analytics/metrics";
import { CsvButton } from "./csv-button";
import { formatNumber } from "./format";

// The channel's posts of the period with their latest counters, sortable by any of them.

export function TopPosts({
  posts,
  metrics,
  fileName,
  timeZone,
}: {
  posts: TopPost[];
  metrics: string[];
  fileName: string;
  timeZone: string;
}) {
  const [sort, setSort] = useState<{ key: string; dir: "descending" | "ascending" }>({
    key: metrics.includes("engagements") ? "engagements" : (metrics[0] ?? "publishedAt"),
    dir: "descending",
  });
  const value = (p: TopPost) => (sort.key === "publishedAt" ? Date.parse(p.publishedAt) : (p.figures[sort.key] ?? -1));
  const sorted = [...posts].sort((a, b) => (sort.dir === "descending" ? value(b) - value(a) : value(a) - value(b)));
  const toggle = (key: string) => setSort((s) => ({ key, dir: s.key === key && s.dir === "descending" ? "ascending" : "descending" }));
  const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone });

  const header = (key: string, label: string) => (
    <th
      key={key}
      scope="col"
      aria-sort={sort.key === key ? sort.dir : "none"}
      className={`px-3 py-2 ${key === "publishedAt" ? "text-left" : "text-right"}`}
    >
      <button type="button" onClick={() => toggle(key)} className="inline-flex items-center gap-1 uppercase hover:text-slate-800">
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.dir === "descending" ? "▼" : "▲") : ""}</span>
      </button>
    </th>
  );

  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby="top-posts-h">
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 id="top-posts-h" className="text-base font-semibold">
          Top posts
        </h2>
        <CsvButton
          fileName={fileName}
          label="top posts"
          header={["published_at", "text", "url", ...metrics]}
          rows={sorted.map((p) => [p.publishedAt, p.preview, p.url, ...metrics.map((m) => p.figures[m] ?? null)])}
        />
      </header>
      {posts.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">No post was published on this channel in this period.</p>
      ) : (
        <ScrollBox label="Top posts table">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-xs text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2 text-left uppercase">
                  Post
                </th>
                {header("publishedAt", "Published")}
                {metrics.map((m) => header(m, metricInfo(m).label))}
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => (
                <tr key={p.targetId} className="border-t border-slate-100" data-post={p.targetId}>
                  <th scope="row" className="max-w-xs px-3 py-2 text-left font-normal">
                    <Link href={`/analytics/posts/${p.targetId}`} className="line-clamp-2 text-brand-700 hover:underline">
                      {p.preview || "(no text)"}
                    </Link>
                  </th>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600">{when(p.publishedAt)}</td>
                  {metrics.map((m) => (
                    <td key={m} className="px-3 py-2 text-right" data-metric={m}>
                      {formatNumber(p.figures[m])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
