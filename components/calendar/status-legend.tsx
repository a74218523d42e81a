import type { PostStatus } from "@/lib/posts/status";

// A post's status on the calendar: a colour on the card (with the word for screen readers) and a
// dot, explained once by the legend above the grid. The colours have dark-mode variants.

export const STATUS_STYLE: Record<PostStatus, { label: string; card: string; dot: string }> = {
  draft: { label: "Draft", card: "border-slate-300 bg-slate-50", dot: "bg-slate-400" },
  scheduled: { label: "Scheduled", card: "border-blue-300 bg-blue-50", dot: "bg-blue-500" },
  publishing: { label: "Publishing", card: "border-amber-300 bg-amber-50", dot: "bg-amber-500" },
  retrying: { label: "Retrying", card: "border-yellow-400 bg-yellow-50", dot: "bg-yellow-500" },
  published: { label: "Published", card: "border-green-300 bg-green-50", dot: "bg-green-600" },
  partial: {
    label: "Partly published",
    card: "border-orange-300 bg-orange-50",
    dot: "bg-orange-500",
  },
  failed: { label: "Failed", card: "border-red-300 bg-red-50", dot: "bg-red-600" },
  unconfirmed: {
    label: "Unconfirmed",
    card: "border-purple-300 bg-purple-50",
    dot: "bg-purple-600",
  },
  cancelled: {
    label: "Cancelled",
    card: "border-slate-200 bg-white text-slate-500",
    dot: "bg-slate-300",
  },
};

export function StatusDot({ status }: { status: PostStatus }) {
  return <span aria-hidden="true" className={`inline-block h-2 w-2 shrink-0 rounded-full ${STATUS_STYLE[status].dot}`} />;
}

export function StatusLegend() {
  return (
    <ul aria-label="Status legend" className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
      {(Object.keys(STATUS_STYLE) as PostStatus[]).map((s) => (
        <li key={s} className="inline-flex items-center gap-1">
          <StatusDot status={s} />
          {STATUS_STYLE[s].label}
        </li>
      ))}
    </ul>
  );
}
