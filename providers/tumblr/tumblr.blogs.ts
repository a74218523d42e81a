import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { Page } from "../social.integrations.interface";
import { TUMBLR_HEADERS, tumblrUrl } from "./tumblr.api";

// The user and their blogs (../shared/platforms/tumblr.md §1): GET /v2/user/info answers
// {"meta","response":{"user":{"name",…,"blogs":[{"name","title","url","uuid","primary",…}]}}}.
// Each blog is a channel to pick: its uuid ("t:…") is the stable identity Tumblr accepts anywhere
// a blog identifier goes (a blog's name can be changed, its uuid cannot), and its name is kept as
// the channel's username, for links.

const blog = z.object({
  name: z.string().min(1),
  title: z.string().nullish(),
  url: z.string().nullish(),
  uuid: z.string().min(1),
  primary: z.boolean().nullish(),
  followers: z.number().nullish(),
});
const userInfo = z.object({
  response: z.object({ user: z.object({ name: z.string().min(1), blogs: z.array(blog).default([]) }) }),
});
export type TumblrBlog = z.infer<typeof blog>;
export type TumblrUser = { name: string; blogs: TumblrBlog[] };

export async function readUser(api: SocialAbstract, token: string): Promise<TumblrUser> {
  const answer = userInfo.safeParse(
    await api.fetchJson(tumblrUrl("/user/info"), { headers: TUMBLR_HEADERS }, { action: "read the Tumblr account and its blogs", token }),
  );
  if (!answer.success) throw new ProviderError("retry", "Tumblr did not say which account signed in and which blogs it has");
  return answer.data.response.user;
}

/** The blog's avatar (no authentication needed), 128 px. */
export const avatarOf = (name: string) => tumblrUrl(`/blog/${encodeURIComponent(name)}/avatar/128`);

export const pageOf = (b: TumblrBlog): Page => ({
  id: b.uuid,
  name: b.title?.trim() || b.name,
  username: b.name,
  picture: avatarOf(b.name),
});

/** Every blog the account may post to, the primary one first. */
export async function blogPages(api: SocialAbstract, token: string): Promise<Page[]> {
  const user = await readUser(api, token);
  return [...user.blogs].sort((a, b) => Number(!!b.primary) - Number(!!a.primary)).map(pageOf);
}

export async function blogPage(api: SocialAbstract, token: string, uuid: string): Promise<Page> {
  const user = await readUser(api, token);
  const found = user.blogs.find((b) => b.uuid === uuid || b.name === uuid);
  if (!found) throw new ProviderError("bad-body", "This Tumblr account cannot post to that blog (it is not among the account's blogs)");
  return pageOf(found);
}
