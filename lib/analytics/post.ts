import "server-only";
import { sql } from "@/lib/db/pool";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { UNKNOWN_BADGE, type ChannelIdentity, type PlatformBadge } from "@/lib/channels/label";
import { onSandbox } from "@/lib/channels/sandbox";
import { getProvider } from "@/providers/registry";
import { metricInfo, metricOrder } from "./metrics";

// GET /api/analytics/posts/:targetId: one published post's counters as collected day by day,
// with the link to the live post.

export type PostAnalytics = {
  targetId: string;
  channelId: string;
  channelName: string;
  providerName: string;
  publishedAt: string | null;
  /** The channel as it is named everywhere (badge, name, handle, server). */
  channel: ChannelIdentity & { badge: PlatformBadge };
  text: string;
  url: string | null;
  series: { metric: string; label: string; points: { day: string; value: number }[] }[];
};

export async function postAnalytics(ctx: Pick<OrgContext, "organizationId">, targetId: string): Promise<PostAnalytics> {
  const { rows } = await sql<{
    id: string;
    integration_id: string;
    name: string;
    username: string | null;
    instance_url: string | null;
    provider: string;
    published_at: Date | null;
    text: string | null;
    url: string | null;
  }>(
    `SELECT t.id, t.integration_id, i.name, i.username, i.instance_url, i.provider, t.published_at, t.items -> 0 ->> 'text' AS text, t.results -> 0 ->> 'url' AS url
     FROM post_targets t JOIN integrations i ON i.id = t.integration_id
     WHERE t.id = $1 AND t.organization_id = $2 AND t.status = 'published'`,
    [targetId, ctx.organizationId],
  );
  const t = rows[0];
  if (!t) throw notFound("Published post");
  const samples = await sql<{ metric: string; day: string; value: number }>(
    `SELECT metric, day::text AS day, value FROM post_metric_samples WHERE target_id = $1 AND organization_id = $2 ORDER BY day`,
    [targetId, ctx.organizationId],
  );
  const metrics = [...new Set(samples.rows.map((s) => s.metric))].sort(metricOrder);
  const provider = getProvider(t.provider);
  const providerName = provider?.name ?? t.provider;
  return {
    targetId: t.id,
    channelId: t.integration_id,
    channelName: t.name,
    providerName,
    channel: {
      name: t.name,
      providerName,
      username: t.username,
      instanceUrl: t.instance_url,
      badge: provider?.badge ?? UNKNOWN_BADGE,
      sandbox: onSandbox({ provider: t.provider, instanceUrl: t.instance_url }),
    },
    publishedAt: t.published_at?.toISOString() ?? null,
    text: t.text ?? "",
    url: t.url,
    series: metrics.map((metric) => ({
      metric,
      label: metricInfo(metric).label,
      points: samples.rows.filter((s) => s.metric === metric).map((s) => ({ day: s.day, value: s.value })),
    })),
  };
}
