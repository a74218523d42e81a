import { hostOf } from "../core/hosts";
import { tumblrManifest } from "./tumblr.manifest";

// What every Tumblr call shares (../shared/platforms/tumblr.md §1): API v2 on TUMBLR_API_URL
// (default https://api.tumblr.com), the token endpoint included, and a consistent User-Agent,
// which Tumblr requires (apps sending varying ones may be suspended).

export const tumblrUrl = (path: string) => `${hostOf(tumblrManifest, "api")}/v2${path}`;

export const blogUrl = (blog: string, path = "") => tumblrUrl(`/blog/${encodeURIComponent(blog)}${path}`);

export const TUMBLR_HEADERS = { accept: "application/json", "user-agent": "Postmill/1.0 (+https://github.com/postmill)" } as const;

/**
 * The post's permalink on its blog's subdomain, used when Tumblr's own post_url cannot be read
 * back (tumblr.read.ts): it names the post by its id alone, with no slug, so editing the post does
 * not break it. In sandbox mode the emulator serves it.
 */
export function postPermalink(blogName: string, id: string): string {
  const site = hostOf(tumblrManifest, "auth");
  if (/^https:\/\/www\.tumblr\.com$/.test(site)) return `https://${blogName}.tumblr.com/post/${encodeURIComponent(id)}`;
  return `${site}/${encodeURIComponent(blogName)}/post/${encodeURIComponent(id)}`;
}
