import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import type { Conn } from "./listmonk.api";
import { readCampaign } from "./listmonk.campaign";

// A campaign's counters (fact sheet §5): GET /api/campaigns/{id} carries views, clicks, bounces
// and sent. Views and clicks exist only where the server tracks them (its privacy settings), and
// older servers have no bounces: a counter the answer lacks is left out, not reported as zero.

const COUNTERS = { views: "views", clicks: "clicks", bounces: "bounces", sent: "sent" } as const;

export async function listmonkPostAnalytics(
  api: SocialAbstract,
  conn: Conn,
  campaignId: string,
  ctx?: PublishContext,
): Promise<Record<string, number>> {
  if (!/^\d+$/.test(campaignId)) throw new ProviderError("bad-body", `"${campaignId}" is not a Listmonk campaign id`);
  const c = (await readCampaign(api, conn, campaignId, ctx)) as unknown as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const [metric, field] of Object.entries(COUNTERS)) {
    const v = c[field];
    if (typeof v === "number" && Number.isFinite(v)) out[metric] = v;
  }
  return out;
}
