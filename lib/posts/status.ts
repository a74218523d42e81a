import type { TargetStatus } from "@/lib/generated/prisma/enums";

// A post has no status column of its own: it is what its targets add up to, so it can never
// disagree with them.
export type PostStatus = "draft" | "scheduled" | "publishing" | "published" | "partial" | "failed" | "unconfirmed" | "cancelled";

export function derivePostStatus(statuses: TargetStatus[]): PostStatus {
  const live = statuses.filter((s) => s !== "cancelled");
  if (live.length === 0) return statuses.length ? "cancelled" : "draft";
  const has = (s: TargetStatus) => (live as TargetStatus[]).includes(s);
  if (has("publishing")) return "publishing";
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
