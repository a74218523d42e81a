"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { wallTimeToDate } from "@/lib/time/zone";

// When to publish, in the user's own time zone or the zone of the one channel group every picked
// channel is in (named beside the field), and the three ways to save. Anything that would make a platform refuse the post blocks Schedule and Post now, and is
// listed here by channel and rule; a draft may be saved unfinished. The list stays where it is;
// the time and the buttons stick to the bottom of the window, so Schedule is in reach wherever the
// user is in a long post (full width of the page: the negative margins undo <main>'s padding).

export type SubmitMode = "schedule" | "now" | "draft";

type Props = {
  when: string;
  setWhen: (v: string) => void;
  timeZone: string;
  /** The channel group whose zone this is (every picked channel is in it), or null for the user's own. */
  zoneOf?: string | null;
  editing: boolean;
  noChannels: boolean;
  problems: string[];
  /** Something would make a platform refuse the post (even if not listed yet). */
  blocked: boolean;
  publishAtError?: string;
  onSubmit: (mode: SubmitMode, publishAt: string | undefined) => Promise<boolean>;
};

export function ScheduleBar({
  when,
  setWhen,
  timeZone,
  zoneOf,
  editing,
  noChannels,
  problems,
  blocked: refused,
  publishAtError,
  onSubmit,
}: Props) {
  const [busy, setBusy] = useState<SubmitMode | null>(null);
  const blocked = noChannels || refused;
  // Say why the buttons are off; the problems list above covers a refused post once it is shown.
  const why = noChannels
    ? "Pick at least one channel to schedule or post."
    : refused && problems.length === 0
      ? "Finish the post above before scheduling."
      : problems.length > 0
        ? "Fix the problems listed above before scheduling."
        : "";
  const go = async (mode: SubmitMode) => {
    setBusy(mode);
    // A draft keeps its intended time too; "now" needs none.
    const publishAt = mode !== "now" && when ? wallTimeToDate(when, timeZone).toISOString() : undefined;
    const ok = await onSubmit(mode, publishAt);
    if (!ok) setBusy(null);
  };
  return (
    <>
      {problems.length > 0 && (
        <div
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="blocking-problems"
        >
          <p className="font-medium">Fix these before scheduling:</p>
          <ul className="list-disc pl-5">
            {[...new Set(problems)].map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <section
        aria-label="Schedule"
        className="sticky bottom-0 z-20 -mx-4 space-y-2 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur-sm md:-mx-8 md:px-8"
      >
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="publish-at" className="block text-sm font-medium text-slate-700">
              Publish at ({timeZone})
            </label>
            <input
              id="publish-at"
              type="datetime-local"
              value={when}
              onChange={(e) => setWhen(e.target.value)}
              aria-invalid={!!publishAtError}
              aria-describedby={
                [publishAtError ? "publish-at-error" : "", zoneOf ? "publish-at-zone" : ""].filter(Boolean).join(" ") || undefined
              }
              className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            />
            {zoneOf && (
              <p id="publish-at-zone" data-testid="group-zone" className="mt-1 text-xs text-brand-700">
                {timeZone} time: every picked channel is in {zoneOf}
              </p>
            )}
          </div>
          <Button
            type="button"
            disabled={!!busy || blocked || !when}
            aria-describedby={why ? "submit-why" : undefined}
            onClick={() => go("schedule")}
          >
            {busy === "schedule" ? "Scheduling…" : editing ? "Update schedule" : "Schedule"}
          </Button>
          <Button
            type="button"
            variant="secondary"
            disabled={!!busy || blocked}
            aria-describedby={why ? "submit-why" : undefined}
            onClick={() => go("now")}
          >
            {busy === "now" ? "Posting…" : "Post now"}
          </Button>
          <Button type="button" variant="ghost" disabled={!!busy || noChannels} onClick={() => go("draft")}>
            {busy === "draft" ? "Saving…" : "Save as draft"}
          </Button>
        </div>
        {why && (
          <p id="submit-why" className="text-sm text-slate-600">
            {why}
          </p>
        )}
        {publishAtError && (
          <p id="publish-at-error" role="alert" className="text-sm text-red-700">
            {publishAtError}
          </p>
        )}
      </section>
    </>
  );
}
