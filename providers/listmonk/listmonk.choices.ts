import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, PublishContext, SettingsChoice } from "../social.integrations.interface";
import { call, connOf } from "./listmonk.api";

// The choices of the "lists" and "template" settings, read from the channel's own server:
// GET /api/lists?per_page=all&minimal=true and GET /api/templates, of which only campaign
// templates (not transactional ones) can wrap a campaign.

type List = { id: number; name: string; subscriber_count?: number };
type Template = { id: number; name: string; type?: string; is_default?: boolean };

// "campaign_visual" templates belong to the visual (block) editor and "tx" ones to transactional mail.
const CAMPAIGN_TEMPLATES = new Set(["campaign"]);

export async function listmonkChoices(
  api: SocialAbstract,
  channel: ChannelAccess,
  field: string,
  ctx?: PublishContext,
): Promise<SettingsChoice[]> {
  const conn = connOf(channel);
  if (field === "lists") {
    const page = await call<{ results?: List[] } | List[]>(
      api,
      conn,
      "/api/lists?per_page=all&minimal=true",
      {},
      { action: "read the lists", ctx },
    );
    const lists = Array.isArray(page) ? page : (page.results ?? []);
    return lists.map((l) => ({
      value: String(l.id),
      label: typeof l.subscriber_count === "number" ? `${l.name} (${l.subscriber_count} subscribers)` : l.name,
    }));
  }
  if (field === "template") {
    const templates = await call<Template[]>(api, conn, "/api/templates?no_body=true", {}, { action: "read the templates", ctx });
    return templates
      .filter((t) => !t.type || CAMPAIGN_TEMPLATES.has(t.type))
      .map((t) => ({ value: String(t.id), label: t.is_default ? `${t.name} (default)` : t.name }));
  }
  return [];
}
