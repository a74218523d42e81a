import type { SocialAbstract } from "../social.abstract";
import type { PublishContext, SettingsChoice } from "../social.integrations.interface";
import { neynar } from "./farcaster.api";

// The channels offered in the composer's "Channel" setting: those the account has been active in
// (GET /v2/farcaster/user/channels, paged by cursor). A few pages are enough for a select.

const PAGE = 100;
const MAX_PAGES = 5;

type Page = { channels?: { id?: string; name?: string }[]; next?: { cursor?: string | null } };

export async function activeChannels(api: SocialAbstract, fid: number, ctx?: PublishContext): Promise<SettingsChoice[]> {
  const choices: SettingsChoice[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = { fid: String(fid), limit: String(PAGE), ...(cursor ? { cursor } : {}) };
    const res = await neynar<Page>(api, "/v2/farcaster/user/channels", { query }, { action: "list the account's channels", ctx });
    for (const c of res.channels ?? [])
      if (c.id) choices.push({ value: c.id, label: c.name?.trim() ? `${c.name} (/${c.id})` : `/${c.id}` });
    cursor = res.next?.cursor ?? undefined;
    if (!cursor) break;
  }
  return choices;
}
