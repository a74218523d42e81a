import type { TargetStatus } from "@/lib/generated/prisma/enums";

// A post has no status column of its own: it is what its targets add up to, so it can never
// disagree with them.
export type PostStatus =
  "draft" | "scheduled" | "publishing" | "retrying" | "published" | "partial" | "failed" | "unconfirmed" | "cancelled";

/**
 * A target as the user sees it: one that failed for a transient reason goes back to "scheduled"
 * with errorKind "retry", and that is "retrying", not "scheduled" (nor, beside a published
 * channel, "partial"): it is still on its way.
 */
export type TargetShownStatus = TargetStatus | "retrying";
export function shownTargetStatus(t: { status: TargetStatus; errorKind: string | null }): TargetShownStatus {
  return t.status === "scheduled" && t.errorKind === "retry" ? "retrying" : t.status;
}

export function derivePostStatus(statuses: TargetShownStatus[]): PostStatus {
  const live = statuses.filter((s) => s !== "cancelled");
  if (live.length === 0) return statuses.length ? "cancelled" : "draft";
  const has = (s: TargetShownStatus) => (live as TargetShownStatus[]).includes(s);
  if (has("publishing")) return "publishing";
  if (has("retrying")) return "retrying";
  const published = live.filter((s) => s === "published").length;
  if (published === live.length) return "published";
  if (has("scheduled")) return published ? "partial" : "scheduled";
  if (has("unconfirmed")) return "unconfirmed";
  if (published) return "partial";
  if (has("failed")) return "failed";
  return "draft";
}

/** Targets in these states may still change; the others are history. */
export const EDITABLE: TargetStatus[] = ["draft", "scheduled", "failed", "cancelled"];
