"use client";

// The search box over the composer's channels: name, handle, server or platform. Escape clears it.

export function ChannelSearch({ value, onChange, matches }: { value: string; onChange: (v: string) => void; matches: number }) {
  return (
    <div className="flex items-center gap-2">
      <input
        type="search"
        aria-label="Search channels"
        placeholder="Search by name, handle or platform"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && value) {
            e.preventDefault();
            onChange("");
          }
        }}
        className="w-full max-w-xs rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm"
      />
      {value.trim() && (
        <span role="status" className="text-xs text-slate-600">
          {matches} match{matches === 1 ? "" : "es"}
        </span>
      )}
    </div>
  );
}
