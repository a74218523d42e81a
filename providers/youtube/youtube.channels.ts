import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { Page, PublishContext, SettingsChoice } from "../social.integrations.interface";
import { dataUrl } from "./youtube.api";

// The channels a sign-in may post to (../shared/platforms/youtube.md §1): channels.list
// part=snippet&mine=true (1 quota unit) answers the signed-in user's channels, brand accounts
// included; the user picks one. videoCategories.list (1 unit) gives the categories a video may
// take in the channel's region (snippet.assignable), for the category setting.

const thumbs = z
  .object({ default: z.object({ url: z.string() }).partial().optional() })
  .partial()
  .optional();
const channelList = z.object({
  items: z
    .array(
      z.object({
        id: z.string().min(1),
        snippet: z
          .object({ title: z.string().optional(), customUrl: z.string().optional(), country: z.string().optional(), thumbnails: thumbs })
          .partial()
          .optional(),
        statistics: z
          .object({
            subscriberCount: z.string().optional(),
            hiddenSubscriberCount: z.boolean().optional(),
            viewCount: z.string().optional(),
            videoCount: z.string().optional(),
          })
          .partial()
          .optional(),
      }),
    )
    .default([]),
});
export type YoutubeChannel = z.infer<typeof channelList>["items"][number];

export async function myChannels(api: SocialAbstract, token: string, ctx?: PublishContext, part = "snippet"): Promise<YoutubeChannel[]> {
  const parsed = channelList.safeParse(
    await api.fetchJson(
      dataUrl("/channels", { part, mine: "true", maxResults: "50" }),
      {},
      { action: "list your YouTube channels", token, ctx },
    ),
  );
  if (!parsed.success) throw new ProviderError("retry", "YouTube sent a channel list this server cannot read");
  await ctx?.quota?.spend("units", 1);
  return parsed.data.items;
}

export const asPage = (c: YoutubeChannel): Page => ({
  id: c.id,
  name: c.snippet?.title?.trim() || c.id,
  ...(c.snippet?.customUrl ? { username: c.snippet.customUrl } : {}),
  ...(c.snippet?.thumbnails?.default?.url ? { picture: c.snippet.thumbnails.default.url } : {}),
});

const categories = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({ title: z.string().optional(), assignable: z.boolean().optional() }).partial().optional(),
      }),
    )
    .default([]),
});

/** The categories a video may be filed under in `region` (ISO 3166-1 alpha-2), assignable ones only. */
export async function videoCategories(api: SocialAbstract, token: string, region: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
  const parsed = categories.safeParse(
    await api.fetchJson(
      dataUrl("/videoCategories", { part: "snippet", regionCode: region }),
      {},
      { action: "list YouTube's video categories", token, ctx },
    ),
  );
  if (!parsed.success) throw new ProviderError("retry", "YouTube sent a category list this server cannot read");
  return parsed.data.items
    .filter((c) => c.snippet?.assignable !== false)
    .map((c) => ({ value: c.id, label: c.snippet?.title?.trim() || `Category ${c.id}` }));
}
