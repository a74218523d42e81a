import { formatChange, type Change } from "@/lib/analytics/change";

// Display helpers shared by the dashboards. A missing figure is shown as "—", never as zero.

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export const formatNumber = (n: number | null | undefined) => (n == null ? "—" : whole.format(n));
export const formatCompact = (n: number) => (Math.abs(n) >= 10_000 ? compact.format(n) : whole.format(n));

/** "Oct 8" for "2026-10-08" (a calendar date: no time zone conversion). */
export function formatDay(day: string, withYear = false): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("en-US", {
    month: "short",
    day: "numeric",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  });
}

export { formatChange };

export function changeTone(c: Change): string {
  if (c.kind === "percent") return c.value > 0 ? "text-green-700" : "text-red-700";
  if (c.kind === "new") return "text-brand-700";
  return "text-slate-500";
}
