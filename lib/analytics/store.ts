import "server-only";
import { sql } from "@/lib/db/pool";
import type { MetricPoint } from "@/providers/social.integrations.interface";

// Writes collected figures idempotently: one row per (channel, metric, day) for accounts and per
// (post target, metric, day) for posts. Collecting again overwrites the value (platforms revise
// recent days), so re-running a collection never adds rows. One statement per batch.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Points a provider returned that can be stored: a metric name, a calendar day, a finite number. */
export function cleanPoints(points: MetricPoint[]): MetricPoint[] {
  const seen = new Map<string, MetricPoint>();
  for (const p of points) {
    if (!p || typeof p.metric !== "string" || !p.metric || !DAY.test(p.day) || !Number.isFinite(p.value)) continue;
    seen.set(`${p.metric}|${p.day}`, p); // the last reading of a metric for a day wins
  }
  return [...seen.values()];
}

export async function storeAccountMetrics(organizationId: string, channelId: string, points: MetricPoint[]): Promise<number> {
  const rows = cleanPoints(points);
  if (!rows.length) return 0;
  await sql(
    `INSERT INTO metric_samples (id, organization_id, integration_id, metric, day, value, collected_at)
     SELECT 'ms_' || md5($2 || '|' || m || '|' || d), $1, $2, m, d::date, v, now()
     FROM unnest($3::text[], $4::text[], $5::float8[]) AS x(m, d, v)
     ON CONFLICT (integration_id, metric, day) DO UPDATE SET value = EXCLUDED.value, collected_at = now()`,
    [organizationId, channelId, rows.map((r) => r.metric), rows.map((r) => r.day), rows.map((r) => r.value)],
  );
  return rows.length;
}

export async function storePostMetrics(
  target: { organizationId: string; channelId: string; targetId: string; platformPostId: string },
  day: string,
  figures: Record<string, number>,
): Promise<number> {
  const entries = Object.entries(figures).filter(([k, v]) => k && Number.isFinite(v));
  if (!entries.length) return 0;
  await sql(
    `INSERT INTO post_metric_samples (id, organization_id, integration_id, target_id, platform_post_id, metric, day, value, collected_at)
     SELECT 'pm_' || md5($3 || '|' || m || '|' || $5), $1, $2, $3, $4, m, $5::date, v, now()
     FROM unnest($6::text[], $7::float8[]) AS x(m, v)
     ON CONFLICT (target_id, metric, day) DO UPDATE SET value = EXCLUDED.value, platform_post_id = EXCLUDED.platform_post_id, collected_at = now()`,
    [
      target.organizationId,
      target.channelId,
      target.targetId,
      target.platformPostId,
      day,
      entries.map(([k]) => k),
      entries.map(([, v]) => v),
    ],
  );
  return entries.length;
}
