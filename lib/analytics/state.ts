import { sql } from "@/lib/db/pool";
import { allProviders } from "@/providers/registry";
import type { MetricGap } from "@/providers/social.integrations.interface";
import { analyticsWake } from "./wake";

/** The platforms that document any analytics. */
export const analyticsProviders = () => allProviders().filter((p) => p.analytics || p.postAnalytics).map((p) => p.identifier);

// The analytics_collections row of each channel: what the scheduler, the collect job and the
// "refresh now" progress share. States: pending (wanted) -> queued (a job exists) -> running ->
// done | partial (stored, with gaps: the metrics that could not be read and why) | waiting
// (rate limited or down; what was read is stored, a delayed job exists until retry_at) | failed
// (message says why).

export type CollectionState = "pending" | "queued" | "running" | "done" | "partial" | "waiting" | "failed";
export type CollectionStatus = {
  channelId: string; state: CollectionState; step: string | null; done: number; total: number;
  message: string | null; retryAt: string | null; succeededAt: string | null;
  /** What the last collection could not read, and why. */
  gaps: MetricGap[];
};

/** Asks for a collection of these channels soon (connect, "refresh now"); a running or waiting one is left alone. */
export async function requestCollection(organizationId: string, channelIds?: string[]): Promise<number> {
  const filter = channelIds ? "AND i.id = ANY($3::text[])" : "";
  const { rowCount } = await sql(
    `INSERT INTO analytics_collections (integration_id, organization_id, state, updated_at)
     SELECT i.id, i.organization_id, 'pending', now() FROM integrations i
     WHERE i.organization_id = $1 AND i.status = 'active' AND i.provider = ANY($2::text[]) ${filter}
     ON CONFLICT (integration_id) DO UPDATE SET state = 'pending', step = NULL, done = 0, total = 0, message = NULL, updated_at = now()
     WHERE analytics_collections.state NOT IN ('queued', 'running', 'waiting')`,
    channelIds ? [organizationId, analyticsProviders(), channelIds] : [organizationId, analyticsProviders()],
  );
  analyticsWake.emit("wake");
  return rowCount;
}

export async function setCollection(channelId: string, fields: Partial<{ state: CollectionState; step: string | null; done: number; total: number; message: string | null; retryAt: Date | null; gaps: MetricGap[]; attempted: boolean; succeeded: boolean }>): Promise<void> {
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
  const { rows } = await sql<{ integration_id: string; state: CollectionState; step: string | null; done: number; total: number; message: string | null; retry_at: Date | null; succeeded_at: Date | null; gaps: MetricGap[] | null }>(
    `SELECT c.integration_id, c.state, c.step, c.done, c.total, c.message, c.retry_at, c.succeeded_at, c.gaps
     FROM analytics_collections c WHERE c.organization_id = $1`,
    [organizationId],
  );
  return rows.map((r) => ({
    channelId: r.integration_id, state: r.state, step: r.step, done: r.done, total: r.total, message: r.message,
    retryAt: r.retry_at?.toISOString() ?? null, succeededAt: r.succeeded_at?.toISOString() ?? null, gaps: r.gaps ?? [],
  }));
}
