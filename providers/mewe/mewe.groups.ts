import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, PublishContext, SettingsChoice } from "../social.integrations.interface";
import { meweUrl, userHeaders } from "./mewe.api";
import { TIMELINE } from "./mewe.settings";

// Where a MeWe post may go (../shared/platforms/mewe.md §2): the user's timeline, or a group they
// belong to. GET /api/dev/groups answers a page of groups and, while there are more, a nextPage
// path on the same host, followed until it is absent.

const page = z.object({
  groups: z.array(z.object({ groupId: z.union([z.string(), z.number()]).transform(String), name: z.string().optional() })).default([]),
  nextPage: z.string().nullish(),
});

/** Enough for any real membership list, and an end to a nextPage that points back at itself. */
const MAX_PAGES = 50;

export async function meweTargets(api: SocialAbstract, channel: ChannelAccess, ctx?: PublishContext): Promise<SettingsChoice[]> {
  const choices: SettingsChoice[] = [{ value: TIMELINE, label: "My timeline" }];
  let path: string | undefined = "/api/dev/groups";
  for (let n = 0; path && n < MAX_PAGES; n++) {
    const answer = page.safeParse(
      await api.fetchJson(meweUrl(path), { headers: userHeaders() }, { action: "list your MeWe groups", token: channel.accessToken, ctx }),
    );
    if (!answer.success) throw new ProviderError("retry", "MeWe sent a list of groups this server cannot read");
    for (const g of answer.data.groups) choices.push({ value: g.groupId, label: g.name?.trim() || `Group ${g.groupId}` });
    const next = answer.data.nextPage ?? undefined;
    // Only a path under the API: a full URL elsewhere would send the token off the MeWe host.
    path = next && next.startsWith("/api/dev/groups") ? next : undefined;
  }
  return choices;
}
