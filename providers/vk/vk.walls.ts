import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { Page } from "../social.integrations.interface";
import { callVk } from "./vk.api";

// Where a VK channel posts (§2, §6): the user's own wall (owner_id = the user's id) or the wall of
// a community they manage (owner_id = -<group id>, posted with from_group=1). users.get names the
// user; groups.get with filter=admin,editor and extended=1 lists the communities they may post as.

const me = z.array(
  z.object({
    id: z.number(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    screen_name: z.string().optional(),
    photo_200: z.string().optional(),
  }),
);
const groups = z.object({
  items: z
    .array(z.object({ id: z.number(), name: z.string().optional(), screen_name: z.string().optional(), photo_200: z.string().optional() }))
    .default([]),
});

/** VK caps groups.get at 1,000 per call; enough for every community a person manages. */
const GROUPS_PER_CALL = 1000;

/** A wall id as VK's owner_id: the user's id, or a community's id with a minus sign. */
export const OWNER_ID = /^-?[1-9]\d{0,18}$/;

export async function vkWalls(api: SocialAbstract, token: string): Promise<Page[]> {
  const user = me.safeParse(await callVk(api, "users.get", { fields: "photo_200,screen_name" }, { token, action: "read your VK profile" }));
  if (!user.success || !user.data[0]) throw new ProviderError("retry", "VK did not say which account signed in");
  const u = user.data[0];
  const walls: Page[] = [
    {
      id: String(u.id),
      name: `${[u.first_name, u.last_name].filter(Boolean).join(" ") || `VK user ${u.id}`} (your wall)`,
      ...(u.screen_name ? { username: u.screen_name } : {}),
      ...(u.photo_200 ? { picture: u.photo_200 } : {}),
    },
  ];
  const managed = groups.safeParse(
    await callVk(
      api,
      "groups.get",
      { filter: "admin,editor", extended: 1, count: GROUPS_PER_CALL },
      { token, action: "list the VK communities you manage" },
    ),
  );
  if (!managed.success) throw new ProviderError("retry", "VK sent a list of communities this server cannot read");
  for (const g of managed.data.items)
    walls.push({
      id: `-${g.id}`,
      name: g.name?.trim() || `Community ${g.id}`,
      ...(g.screen_name ? { username: g.screen_name } : {}),
      ...(g.photo_200 ? { picture: g.photo_200 } : {}),
    });
  return walls;
}
