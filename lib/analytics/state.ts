import "server-only";
import { sql } from "@/lib/db/pool";
import type { MetricGap } from "@/providers/social.integrations.interface";

// The analytics_collections row of each channel: what the scheduler, the collect job and the
// "refresh now" progress share. States: pending (wanted) -> queued (a job exists) -> running ->
// done | partial (stored, with gaps: the metrics that could not be read and why) | waiting
// (rate limited or down; what was read is stored, a delayed job exists until retry_at) | failed
// (message says why). Rows become pending through lib/queue/collection-request.

export type CollectionState = "pending" | "queued" | "running" | "done" | "partial" | "waiting" | "failed";
export type CollectionStatus = {
  channelId: string;
  state: CollectionState;
  step: string | null;
  done: number;
  total: number;
  message: string | null;
  retryAt: string | null;
  succeededAt: string | null;
  /** What the last collection could not read, and why. */
  gaps: MetricGap[];
};

export async function setCollection(
  channelId: string,
  fields: Partial<{
    state: CollectionState;
    step: string | null;
    done: number;
    total: number;
    message: string | null;
    retryAt: Date | null;
    gaps: MetricGap[];
    attempted: boolean;
    succeeded: boolean;
  }>,
): Promise<void> {
  const sets: string[] = ["updated_at = now()"];
  const values: unknown[] = [channelId];
  const put = (col: string, v: unknown) => {
    values.push(v);
    sets.push(`${col} = $${values.length}`);
  };
  if (fields.state !== undefined) put("state", fields.state);
  if (fields.step !== undefined) put("step", fields.step);
  if (fields.done !== undefined) put("done", fields.done);
  if (fields.total !== undefined) put("total", fields.total);
  if (fields.message !== undefined) put("message", fields.message);
  if (fields.retryAt !== undefined) put("retry_at", fields.retryAt);
  if (fields.gaps !== undefined) {
    values.push(JSON.stringify(fields.gaps));
    sets.push(`gaps = $${values.length}::jsonb`);
  }
  if (fields.attempted) sets.push("attempted_at = now()");
  if (fields.succeeded) sets.push("succeeded_at = now()");
  await sql(`UPDATE analytics_collections SET ${sets.join(", ")} WHERE integration_id = $1`, values);
}

export async function collectionStatuses(organizationId: string): Promise<CollectionStatus[]> {
  const { rows } = await sql<{
    integration_id: string;
    state: CollectionState;
    step: string | null;
    done: number;
    total: number;
    message: string | null;
    retry_at: Date | null;
    succeeded_at: Date | null;
    gaps: MetricGap[] | null;
  }>(
    `SELECT c.integration_id, c.state, c.step, c.done, c.total, c.message, c.retry_at, c.succeeded_at, c.gaps
     FROM analytics_collections c WHERE c.organization_id = $1`,
    [organizationId],
  );
  return rows.map((r) => ({
    channelId: r.integration_id,
    state: r.state,
    step: r.step,
    done: r.done,
    total: r.total,
    message: r.message,
    retryAt: r.retry_at?.toISOString() ?? null,
    succeededAt: r.succeeded_at?.toISOString() ?? null,
    gaps: r.gaps ?? [],
  }));
}
