import { formatInZone } from "@/lib/time/zone";

// A target waiting for another attempt, as structured facts (when, which attempt, why) so the
// browser writes the time in the user's zone; the worker stores only the reason in words
// (error_message) and the time (due_at), and the attempt count is the target's own.

export type RetryInfo = { at: string; attempt: number; maxAttempts: number; reason: string };

type TargetFacts = { status: string; errorKind: string | null; errorMessage: string | null; dueAt: Date | string | null; attempts: number };

// Targets rescheduled before this change carry the time and attempt inside the message.
const OLD_PREFIX = /^Retrying at \S+ \(attempt \d+ of \d+\): /;

export function retryInfo(t: TargetFacts, maxAttempts: number): RetryInfo | null {
  if (t.status !== "scheduled" || t.errorKind !== "retry" || !t.dueAt) return null;
  return {
    at: new Date(t.dueAt).toISOString(),
    attempt: Math.min(t.attempts + 1, maxAttempts),
    maxAttempts,
    reason: (t.errorMessage ?? "").replace(OLD_PREFIX, "") || "The platform asked to try again later",
  };
}

/** "Retrying at Dec 2, 2026, 12:55 AM EST (attempt 2 of 5): …" in the user's zone. */
export function retryText(r: RetryInfo, timeZone: string): string {
  const when = formatInZone(r.at, timeZone, {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return `Retrying at ${when} (attempt ${r.attempt} of ${r.maxAttempts}): ${r.reason}`;
}
