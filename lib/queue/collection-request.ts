import "server-only";
import { sql } from "@/lib/db/pool";
import { allProviders } from "@/providers/registry";
import { analyticsWake } from "./analytics-wake";

// Asking for an analytics collection: a pending row in analytics_collections, the analytics
// scheduler's to-do list (lib/analytics/state.ts describes its states), and a wake for this
// process's scheduler. It lives here, below both domains, because connecting a channel asks for
// one (lib/channels) and the analytics pages do too, while analytics itself reads channels.

/** The platforms that document any analytics. */
export const analyticsProviders = () =>
  allProviders()
    .filter((p) => p.analytics || p.postAnalytics)
    .map((p) => p.identifier);

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
