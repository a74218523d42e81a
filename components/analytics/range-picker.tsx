"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";

// The period of a dashboard lives in the URL (?range=7|30|90, or ?range=custom&from=&to=), so a
// reload or a shared link shows the same figures. The server resolves it in the user's zone.

export function usePeriodQuery(): string {
  const params = useSearchParams();
  const range = params.get("range") ?? "30";
  if (range === "custom") return new URLSearchParams({ range, from: params.get("from") ?? "", to: params.get("to") ?? "" }).toString();
  return new URLSearchParams({ range }).toString();
}

const PRESETS = [
  ["7", "7 days"],
  ["30", "30 days"],
  ["90", "90 days"],
] as const;

export function RangePicker() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const range = params.get("range") ?? "30";
  const [from, setFrom] = useState(params.get("from") ?? "");
  const [to, setTo] = useState(params.get("to") ?? "");
  const [custom, setCustom] = useState(range === "custom");
  const go = (q: Record<string, string>) => router.replace(`${pathname}?${new URLSearchParams(q)}`, { scroll: false });

  return (
    <div className="flex flex-wrap items-end gap-2">
      <div role="group" aria-label="Period" className="flex gap-1 rounded-md border border-slate-200 bg-white p-1 text-sm">
        {PRESETS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={range === value && !custom}
            onClick={() => (setCustom(false), go({ range: value }))}
            className={`rounded px-3 py-1 ${range === value && !custom ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={custom}
          onClick={() => setCustom(true)}
          className={`rounded px-3 py-1 ${custom ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
        >
          Custom
        </button>
      </div>
      {custom && (
        <form className="flex items-end gap-2 text-sm" onSubmit={(e) => (e.preventDefault(), go({ range: "custom", from, to }))}>
          <label className="flex flex-col text-xs text-slate-600">
            From
            <input
              type="date"
              required
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
          </label>
          <label className="flex flex-col text-xs text-slate-600">
            To
            <input
              type="date"
              required
              value={to}
              onChange={(e) => setTo(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
          </label>
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700">
            Apply
          </button>
        </form>
      )}
    </div>
  );
}
