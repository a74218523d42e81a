import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, PublishContext, SettingsChoice } from "../social.integrations.interface";
import { pinterestUrl } from "./pinterest.api";

// The account's boards and their sections (../shared/platforms/pinterest.md §2): GET /v5/boards
// and GET /v5/boards/{id}/sections, each a page of {items, bookmark}, followed while a bookmark
// comes back. Secret boards are listed too (privacy=ALL) when the grant allows it.

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item).default([]), bookmark: z.string().nullish() });
const board = z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().optional() });
const section = z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().optional() });

/** Enough for any real account (250 boards a page), and an end to a bookmark that never changes. */
const MAX_PAGES = 20;

async function allPages<T>(
  api: SocialAbstract,
  path: string,
  schema: z.ZodType<{ items: T[]; bookmark?: string | null }>,
  action: string,
  channel: ChannelAccess,
  ctx?: PublishContext,
): Promise<T[]> {
  const out: T[] = [];
  let bookmark: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const q = new URLSearchParams({ page_size: "250", ...(bookmark ? { bookmark } : {}) });
    const answer = schema.safeParse(
      await api.fetchJson(`${pinterestUrl(path)}${path.includes("?") ? "&" : "?"}${q}`, {}, { action, token: channel.accessToken, ctx }),
    );
    if (!answer.success) throw new ProviderError("retry", `Pinterest sent an answer this server cannot read (${action})`);
    out.push(...answer.data.items);
    const next = answer.data.bookmark ?? undefined;
    if (!next || next === bookmark) break;
    bookmark = next;
  }
  return out;
}

export async function listBoards(api: SocialAbstract, channel: ChannelAccess, ctx?: PublishContext) {
  return allPages(api, "/boards", page(board), "list your Pinterest boards", channel, ctx);
}

export async function boardChoices(api: SocialAbstract, channel: ChannelAccess, ctx?: PublishContext): Promise<SettingsChoice[]> {
  return (await listBoards(api, channel, ctx)).map((b) => ({ value: b.id, label: b.name?.trim() || `Board ${b.id}` }));
}

/** Every section of every board, labelled "Board › Section": the choice does not depend on the board picked. */
export async function sectionChoices(api: SocialAbstract, channel: ChannelAccess, ctx?: PublishContext): Promise<SettingsChoice[]> {
  const out: SettingsChoice[] = [];
  for (const b of await listBoards(api, channel, ctx)) {
    const sections = await allPages(
      api,
      `/boards/${encodeURIComponent(b.id)}/sections`,
      page(section),
      `list the sections of board ${b.name ?? b.id}`,
      channel,
      ctx,
    );
    for (const s of sections) out.push({ value: s.id, label: `${b.name?.trim() || b.id} › ${s.name?.trim() || s.id}` });
  }
  return out;
}
