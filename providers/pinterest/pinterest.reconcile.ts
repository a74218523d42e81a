import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { pinPage, pinterestUrl } from "./pinterest.api";

// Reading back after a lost create answer (manifest publishSafety "reconcile"): GET /v5/pins lists
// the account's pins, newest first, with their description and created_at; a pin made since the
// attempt began with the post's text as its description is the one the lost call made.

const pins = z.object({
  items: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        created_at: z.string().nullish(),
        description: z.string().nullish(),
      }),
    )
    .default([]),
  bookmark: z.string().nullish(),
});

/** Pins made in the minutes of one publish are on the first pages; three is plenty. */
const MAX_PAGES = 3;
/** Clocks differ: a pin stamped slightly before the attempt began still counts. */
const SKEW_MS = 2 * 60_000;

export async function findPin(
  api: SocialAbstract,
  channel: ChannelAccess,
  item: PostItem,
  since: Date,
  ctx?: PublishContext,
): Promise<PublishedItem | null> {
  const text = item.text.trim();
  let bookmark: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const q = new URLSearchParams({ page_size: "25", ...(bookmark ? { bookmark } : {}) });
    const answer = pins.safeParse(
      await api.fetchJson(`${pinterestUrl("/pins")}?${q}`, {}, { action: "read back your recent pins", token: channel.accessToken, ctx }),
    );
    if (!answer.success) throw new ProviderError("retry", "Pinterest sent a list of pins this server cannot read");
    for (const p of answer.data.items) {
      const at = p.created_at ? Date.parse(p.created_at) : NaN;
      if ((p.description ?? "").trim() === text && Number.isFinite(at) && at >= since.getTime() - SKEW_MS)
        return { id: p.id, url: pinPage(p.id) };
    }
    const oldest = answer.data.items.at(-1)?.created_at;
    bookmark = answer.data.bookmark ?? undefined;
    if (!bookmark || (oldest && Date.parse(oldest) < since.getTime() - SKEW_MS)) break;
  }
  return null;
}
