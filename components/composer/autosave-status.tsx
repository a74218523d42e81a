"use client";
import { Button } from "@/components/ui/button";
import { formatInZone } from "@/lib/time/zone";
import type { AutosaveView } from "./use-autosave";

// What autosave is doing, in one quiet line read out politely by screen readers, and the offer
// to bring back changes kept on this device for a post that autosave does not write itself.

const time = (at: Date | number, timeZone: string) => formatInZone(new Date(at), timeZone, { hour: "2-digit", minute: "2-digit" });

export function AutosaveStatus({ view, timeZone }: { view: AutosaveView; timeZone: string }) {
  const s = view.status;
  const text =
    s.kind === "saving"
      ? "Saving…"
      : s.kind === "saved"
        ? `Saved as draft ${time(s.at, timeZone)}`
        : s.kind === "failed"
          ? `Not saved: ${s.reason}`
          : s.kind === "local"
            ? s.why
            : "";
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600">
      <p
        role="status"
        aria-live="polite"
        data-testid="autosave-status"
        data-unsaved={view.unsaved}
        className={s.kind === "failed" ? "text-red-700" : undefined}
      >
        {text}
      </p>
      {view.restoredNew && (
        <button type="button" className="underline" onClick={view.startOver}>
          Start a new post instead
        </button>
      )}
    </div>
  );
}

export function AutosavePrompt({ view, timeZone }: { view: AutosaveView; timeZone: string }) {
  if (!view.prompt) return null;
  return (
    <div
      role="region"
      aria-label="Unsaved changes"
      className="flex flex-wrap items-center gap-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <p>Changes to this post from {formatInZone(new Date(view.prompt.savedAt), timeZone)} were not saved; this device kept them.</p>
      <Button type="button" variant="secondary" onClick={view.restore}>
        Restore unsaved changes
      </Button>
      <Button type="button" variant="ghost" onClick={view.discard}>
        Discard
      </Button>
    </div>
  );
}
