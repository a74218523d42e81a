import { randomUUID } from "node:crypto";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { call, type Conn } from "./listmonk.api";
import { attemptTag, campaignContent } from "./listmonk.body";
import { uploadImage, type Image } from "./listmonk.media";
import type { ListmonkSettings } from "./listmonk.settings";

// Publishing is two calls (fact sheet §2): POST /api/campaigns makes a draft, then
// PUT /api/campaigns/{id}/status starts it ("running") or hands it to Listmonk's own scheduler
// ("scheduled", with send_at). Never twice:
// - the create carries a tag made from the attempt; when its answer is lost the engine calls
//   findCampaign, which reads recent campaigns back by that tag and carries on with the one found;
// - a failed start is reported as "may have published", so the engine settles it the same way
//   instead of creating a second campaign;
// - Listmonk moves a campaign to running only from draft or paused, so a repeated start is
//   refused, and the read-back of the campaign then shows it already started.

export type Campaign = {
  id: number;
  uuid?: string;
  name?: string;
  status?: string;
  tags?: string[] | null;
  send_at?: string | null;
  created_at?: string;
  archive?: boolean;
  views?: number;
  clicks?: number;
  bounces?: number;
  sent?: number;
  to_send?: number;
};

// Anything past draft was started by someone (a cancelled campaign was stopped on purpose): never start it again.
const STARTED = new Set(["running", "finished", "scheduled", "paused", "cancelled"]);
const NAME_MAX = 2000;

export function campaignRequest(item: PostItem, settings: ListmonkSettings, tag: string, images: Image[] = []): Record<string, unknown> {
  const { body, altbody } = campaignContent(item.text, images);
  return {
    // The name is what the Listmonk admin lists; the subject is what subscribers see.
    name: settings.subject.slice(0, NAME_MAX),
    subject: settings.subject,
    lists: settings.lists.map(Number),
    type: "regular",
    content_type: "html",
    body,
    altbody,
    messenger: "email",
    tags: [tag],
    ...(settings.template ? { template_id: Number(settings.template), archive_template_id: Number(settings.template) } : {}),
    ...(settings.fromEmail ? { from_email: settings.fromEmail } : {}),
    ...(settings.sendAt ? { send_at: new Date(settings.sendAt).toISOString() } : {}),
    ...(settings.archive ? { archive: true, archive_meta: {} } : {}),
  };
}

/** Where the campaign can be seen: its public archive page when archived, else the admin's campaign page. */
export function campaignUrl(server: string, c: Campaign): string {
  return c.archive && c.uuid ? `${server}/archive/${c.uuid}` : `${server}/admin/campaigns/${c.id}`;
}

const published = (conn: Conn, c: Campaign): PublishedItem => ({
  id: String(c.id),
  url: campaignUrl(conn.server, c),
  ...(c.uuid ? { ref: { uuid: c.uuid } } : {}),
});

export async function publishCampaign(
  api: SocialAbstract,
  conn: Conn,
  item: PostItem,
  settings: ListmonkSettings,
  ctx?: PublishContext,
): Promise<PublishedItem> {
  if (settings.sendAt && Date.parse(settings.sendAt) <= Date.now()) {
    throw new ProviderError("bad-body", `Send at (${settings.sendAt}) has passed; pick a later time or leave it empty to send now`);
  }
  const tag = attemptTag(ctx?.idempotencyKey ?? randomUUID());
  const images: Image[] = [];
  for (const [i, m] of (item.media ?? []).entries()) images.push(await uploadImage(api, conn, m, i, ctx));
  const draft = await call<Campaign>(
    api,
    conn,
    "/api/campaigns",
    { method: "POST", body: JSON.stringify(campaignRequest(item, settings, tag, images)) },
    { action: "create the campaign", idempotent: false, ctx },
  );
  return published(conn, await startCampaign(api, conn, draft, ctx));
}

/** Starts a draft (or schedules it when it has a send_at); a campaign already started is left as it is. */
export async function startCampaign(api: SocialAbstract, conn: Conn, c: Campaign, ctx?: PublishContext): Promise<Campaign> {
  if (c.status && STARTED.has(c.status)) return c;
  const status = c.send_at ? "scheduled" : "running";
  try {
    return await call<Campaign>(
      api,
      conn,
      `/api/campaigns/${c.id}/status`,
      { method: "PUT", body: JSON.stringify({ status }) },
      { action: status === "running" ? "start the campaign" : "schedule the campaign", ctx },
    );
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    // Refused as not a draft: an earlier attempt whose answer was lost already started it.
    const now = e.kind === "bad-body" ? await readCampaign(api, conn, c.id, ctx).catch(() => undefined) : undefined;
    if (now?.status && STARTED.has(now.status)) return now;
    if (e.kind === "retry") {
      // The draft exists and the start may have gone through: settle it by reading back, never by creating again.
      throw new ProviderError("retry", e.message, { ...e.details, mayHavePublished: true });
    }
    // Refused for good (no subscribers, no campaigns:send permission): take the draft away so a
    // retry after fixing it does not leave two behind.
    await call(api, conn, `/api/campaigns/${c.id}`, { method: "DELETE" }, { action: "remove the unsent draft", ctx, maxRetries: 0 }).catch(
      () => undefined,
    );
    throw new ProviderError(e.kind, `${e.message} (the campaign was not sent)`, e.details);
  }
}

export function readCampaign(api: SocialAbstract, conn: Conn, id: number | string, ctx?: PublishContext): Promise<Campaign> {
  return call<Campaign>(api, conn, `/api/campaigns/${id}?no_body=true`, {}, { action: "read the campaign", ctx });
}

type Page = { results?: Campaign[]; total?: number; per_page?: number; page?: number };
const PER_PAGE = 20;
const MAX_PAGES = 5;

/**
 * The campaign an attempt made since `since`, by its tag, started if it was left a draft; null
 * when there is none. Newest first, so it stops at the first page older than `since`. The tags
 * filter is sent for servers that honour it; the tag is checked here either way.
 */
export async function findCampaign(
  api: SocialAbstract,
  conn: Conn,
  idempotencyKey: string,
  since: Date,
  ctx?: PublishContext,
): Promise<PublishedItem | null> {
  const tag = attemptTag(idempotencyKey);
  for (let page = 1; page <= MAX_PAGES; page++) {
    const q = new URLSearchParams({
      tags: tag,
      order_by: "created_at",
      order: "desc",
      per_page: String(PER_PAGE),
      page: String(page),
      no_body: "true",
    });
    const answer = await call<Page>(api, conn, `/api/campaigns?${q}`, {}, { action: "look for the campaign", ctx });
    const results = answer.results ?? [];
    const mine = results.find((c) => c.tags?.includes(tag));
    if (mine) return published(conn, await startCampaign(api, conn, mine, ctx));
    const oldest = results.at(-1)?.created_at;
    if (results.length < PER_PAGE || (oldest && Date.parse(oldest) < since.getTime())) return null;
  }
  return null;
}
