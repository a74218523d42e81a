import type { MetricGap } from "@/providers/social.integrations.interface";
import type { CollectionStatus } from "./state";

// What a channel's last collection could not give, in words, for the overview, the channel page
// and "Refresh now". Pure (types only from the server side), so the browser shares it.

type Status = Pick<CollectionStatus, "state" | "message" | "gaps"> | null | undefined;

/** "post metrics unavailable: Service Unavailable" */
export const gapText = (g: MetricGap) => `${g.what} ${g.kind}: ${g.reason}`;

/** Every problem of the last collection, one line each; empty when it was complete (or is running). */
export function collectionProblems(c: Status): string[] {
  if (!c) return [];
  if (c.state === "failed") return [`collection failed: ${c.message ?? "no reason given"}`];
  if (c.gaps.length) return c.gaps.map(gapText);
  if (c.state === "waiting") return [c.message ?? "waiting to try again"];
  return [];
}

/** Why a metric has no figure: its gap, or a gap that covers every account metric. */
export function missingReasons(c: Status, metrics: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!c) return out;
  if (c.state === "failed") {
    for (const m of metrics) out[m] = `collection failed: ${c.message ?? "no reason given"}`;
    return out;
  }
  for (const g of c.gaps) {
    for (const m of metrics) if (!out[m] && (g.metrics.includes(m) || g.metrics.length === 0)) out[m] = gapText(g);
  }
  return out;
}
