/** Placeholder blocks while a dashboard loads. */
export function Skeleton({ blocks = 4, label = "Loading analytics" }: { blocks?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} aria-busy="true" className="grid gap-4 sm:grid-cols-2">
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} className="h-48 animate-pulse rounded-lg border border-slate-200 bg-slate-100" />
      ))}
      <span className="sr-only">{label}…</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="text-sm font-medium text-slate-700">{title}</p>
      <div className="mx-auto mt-1 max-w-md text-sm text-slate-500">{children}</div>
    </div>
  );
}
