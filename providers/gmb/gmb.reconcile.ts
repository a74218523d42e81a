import { z } from "zod";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { gmbUrl } from "./gmb.api";

// A create whose answer was lost is settled by reading the location's local posts back
// (GET v4 …/localPosts, newest first): the one with this publish's summary, created
// after the attempt began, is adopted. Two pages (up to 200 posts) are looked at.

const listed = z.object({
  localPosts: z
    .array(
      z.object({
        name: z.string(),
        summary: z.string().optional(),
        topicType: z.string().optional(),
        createTime: z.string().optional(),
        searchUrl: z.string().optional(),
        state: z.string().optional(),
      }),
    )
    .default([]),
  nextPageToken: z.string().optional(),
});
export type ListedLocalPost = z.infer<typeof listed>["localPosts"][number];

export async function findLocalPost(
  api: SocialAbstract,
  token: string,
  parent: string,
  want: { summary: string; since: Date },
  ctx?: PublishContext,
): Promise<ListedLocalPost | undefined> {
  let pageToken: string | undefined;
  for (let i = 0; i < 2; i++) {
    const q = new URLSearchParams({ pageSize: "100", ...(pageToken ? { pageToken } : {}) });
    const page = listed.safeParse(
      await api.fetchJson(
        gmbUrl("posts", `/v4/${parent}/localPosts?${q}`),
        {},
        { action: "look for the post whose answer was lost", token, ctx },
      ),
    );
    if (!page.success) return undefined;
    const hit = page.data.localPosts.find(
      (p) => (p.summary ?? "") === want.summary && Date.parse(p.createTime ?? "") >= want.since.getTime() - 1000,
    );
    if (hit) return hit;
    pageToken = page.data.nextPageToken;
    if (!pageToken) return undefined;
  }
  return undefined;
}
