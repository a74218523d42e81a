"use client";
import { useId } from "react";
import { scales, VIEW, yAxis } from "./chart-scale";
import { CsvButton } from "./csv-button";
import { formatCompact, formatDay, formatNumber } from "./format";
import { useWidth } from "./use-width";

// A daily series drawn as plain SVG: a line (levels such as followers) or bars (daily flows).
// Each day with data has a mark carrying its value (a <title> tooltip, data-day/data-value for
// tests); days without data are gaps, not zeros. The CSV button exports the same points.

export type ChartPoint = { day: string; value: number | null };
type Props = { title: string; points: ChartPoint[]; kind: "line" | "bar"; fileName: string; note?: string };

export function Chart({ title, points, kind, fileName, note }: Props) {
  const id = useId();
  const [box, width] = useWidth<HTMLDivElement>(640);
  const known = points.filter((p): p is { day: string; value: number } => p.value !== null);
  const axis = yAxis(
    known.map((p) => p.value),
    kind === "bar",
  );
  const s = scales(points.length, axis, width);
  const latest = known.at(-1);
  const summary = known.length
    ? `${known.length} of ${points.length} days with data, from ${formatDay(points[0]!.day, true)} to ${formatDay(points.at(-1)!.day, true)}; latest ${formatNumber(latest!.value)} on ${formatDay(latest!.day)}.`
    : `No data from ${formatDay(points[0]?.day ?? "", true)} to ${formatDay(points.at(-1)?.day ?? "", true)}.`;

  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-chart={title}>
      <div className="mb-2 flex items-start justify-between gap-3">
        <figcaption id={`${id}-t`} className="text-sm font-semibold text-slate-900">
          {title}
        </figcaption>
        <CsvButton fileName={fileName} label={title} header={["day", "value"]} rows={points.map((p) => [p.day, p.value])} />
      </div>
      {note && <p className="mb-2 text-xs text-slate-500">{note}</p>}
      {known.length === 0 ? (
        <p className="flex h-40 items-center justify-center rounded-md bg-slate-50 text-sm text-slate-500">No data for this period yet.</p>
      ) : (
        <div ref={box}>
          <svg
            viewBox={`0 0 ${width} ${VIEW.h}`}
            width={width}
            height={VIEW.h}
            role="img"
            aria-labelledby={`${id}-t ${id}-d`}
            className="block h-auto w-full"
          >
            <desc id={`${id}-d`}>{summary}</desc>
            {axis.ticks.map((t) => (
              <g key={t}>
                <line x1={VIEW.left} x2={width - VIEW.right} y1={s.y(t)} y2={s.y(t)} className="stroke-slate-100" />
                <text x={VIEW.left - 6} y={s.y(t) + 4} textAnchor="end" className="fill-slate-500 text-xs">
                  {formatCompact(t)}
                </text>
              </g>
            ))}
            {points.map((p, i) =>
              i % s.labelEvery === 0 ? (
                <text key={p.day} x={s.x(i)} y={VIEW.h - 8} textAnchor="middle" className="fill-slate-500 text-xs">
                  {formatDay(p.day)}
                </text>
              ) : null,
            )}
            {kind === "line" ? <Line points={points} s={s} /> : <Bars points={points} s={s} />}
          </svg>
        </div>
      )}
    </figure>
  );
}

type Scales = ReturnType<typeof scales>;

function Line({ points, s }: { points: ChartPoint[]; s: Scales }) {
  // One path per run of consecutive days with data, so a gap stays a gap.
  const runs: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) runs.push(current.join(" "));
      current = [];
    } else current.push(`${current.length ? "L" : "M"}${s.x(i).toFixed(1)},${s.y(p.value).toFixed(1)}`);
  });
  if (current.length) runs.push(current.join(" "));
  return (
    <g>
      {runs.map((d, i) => (
        <path key={i} d={d} className="fill-none stroke-brand-600 stroke-2" />
      ))}
      {points.map((p, i) =>
        p.value === null ? null : (
          <circle
            key={p.day}
            cx={s.x(i)}
            cy={s.y(p.value)}
            r={points.length > 60 ? 2 : 3.5}
            className="fill-brand-600"
            data-day={p.day}
            data-value={p.value}
          >
            <title>{`${formatDay(p.day, true)}: ${formatNumber(p.value)}`}</title>
          </circle>
        ),
      )}
    </g>
  );
}

function Bars({ points, s }: { points: ChartPoint[]; s: Scales }) {
  const width = Math.max(1, s.band * 0.7);
  return (
    <g>
      {points.map((p, i) => {
        if (p.value === null) return null;
        const top = Math.min(s.y(p.value), s.baseline);
        return (
          <rect
            key={p.day}
            x={s.x(i) - width / 2}
            y={top}
            width={width}
            height={Math.max(p.value ? 1 : 0, Math.abs(s.baseline - s.y(p.value)))}
            className="fill-brand-500"
            data-day={p.day}
            data-value={p.value}
          >
            <title>{`${formatDay(p.day, true)}: ${formatNumber(p.value)}`}</title>
          </rect>
        );
      })}
    </g>
  );
}
