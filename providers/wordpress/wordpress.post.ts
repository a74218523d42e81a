import { sanitizeHtml } from "@/lib/markup/sanitize-html";
import { ProviderError } from "../core/errors";
import type { MediaItem, PostItem, PublishedItem } from "../social.integrations.interface";
import { wpJson, type WpClient, type WpSite } from "./wordpress.api";
import { wordpressManifest } from "./wordpress.manifest";
import type { WordpressSettings } from "./wordpress.settings";

// Publishing one post: the featured image first (POST /wp/v2/media with the file as the raw body),
// then the post (POST /wp/v2/posts) pointing at it. WordPress decides the stored status: a
// "future" post whose date is not ahead is published at once, and a "publish" one dated ahead is
// scheduled (core wp_insert_post), so the answer's status is what is reported.

type WpPost = { id: number; link: string; status: string; categories?: number[]; tags?: number[] };
type WpMedia = { id: number; source_url?: string };

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp" };
const rules = wordpressManifest.media.image;

/** Refuses what the manifest does not allow before anything is uploaded. */
function checkImage(m: MediaItem): Uint8Array {
  if (!m.bytes) throw new ProviderError("bad-body", "The featured image has no file content to upload");
  if (!rules.mimeTypes.includes(m.mimeType))
    throw new ProviderError("bad-body", `The featured image is ${m.mimeType}; WordPress accepts ${rules.mimeTypes.join(", ")}`);
  if (m.bytes.length > rules.maxBytes) throw new ProviderError("bad-body", `The featured image is over ${rules.maxBytes / 1024 / 1024} MB`);
  return m.bytes;
}

/** A file name WordPress keeps (it names the upload after it): ASCII, with the type's extension. */
function fileNameOf(m: MediaItem, title: string): string {
  const fromPath = (m.path ?? m.url ?? "").split(/[/?#]/).filter(Boolean).pop() ?? "";
  const stem = (fromPath.replace(/\.[a-z0-9]+$/i, "") || title)
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${stem || "image"}.${EXTENSIONS[m.mimeType] ?? "bin"}`;
}

/** Uploads the featured image with its alt text (a query parameter of the same call). */
export async function uploadFeaturedImage(client: WpClient, site: WpSite, m: MediaItem, title: string): Promise<WpMedia> {
  const bytes = checkImage(m);
  const media = await wpJson<WpMedia>(
    client,
    site,
    "/wp/v2/media",
    {
      method: "POST",
      headers: { "content-type": m.mimeType, "content-disposition": `attachment; filename="${fileNameOf(m, title)}"` },
      body: bytes as Uint8Array<ArrayBuffer>,
      query: { alt_text: m.alt?.trim() || undefined },
    },
    // A repeat would add a second copy to the media library, not to the post: harmless enough to retry.
    { action: "upload the featured image", idempotent: true },
  );
  if (typeof media.id !== "number") throw new ProviderError("retry", "WordPress did not return the uploaded image's id");
  return media;
}

/** The post's body as WordPress takes it: sanitised to the post-html profile. */
export const postContent = (text: string) => sanitizeHtml(text, "post-html");

export async function createPost(client: WpClient, site: WpSite, item: PostItem, s: WordpressSettings): Promise<PublishedItem> {
  if (!s.title?.trim()) throw new ProviderError("bad-body", "WordPress posts need a title (the post's settings)");
  if ((item.media?.length ?? 0) > 1) throw new ProviderError("bad-body", "WordPress takes one featured image per post");
  const image = item.media?.[0] ? await uploadFeaturedImage(client, site, item.media[0], s.title) : undefined;
  const status = s.status ?? "publish";
  const body = {
    title: s.title.trim(),
    content: postContent(item.text),
    status,
    ...(s.excerpt?.trim() ? { excerpt: s.excerpt.trim() } : {}),
    ...(s.slug?.trim() ? { slug: s.slug.trim() } : {}),
    // The site's own clock schedules it; date_gmt is UTC, without an offset, as WordPress writes it.
    ...(status === "future" && s.date ? { date_gmt: new Date(s.date).toISOString().slice(0, 19) } : {}),
    ...(s.categories?.length ? { categories: s.categories.map(Number) } : {}),
    ...(s.tags?.length ? { tags: s.tags.map(Number) } : {}),
    ...(image ? { featured_media: image.id } : {}),
  };
  const post = await wpJson<WpPost>(
    client,
    site,
    "/wp/v2/posts",
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    { action: "create the post", idempotent: false },
  );
  if (typeof post.id !== "number" || typeof post.link !== "string")
    throw new ProviderError("retry", "WordPress answered without the post's id and link", { mayHavePublished: true });
  const warnings = [...dropped("categories", s.categories, post.categories), ...dropped("tags", s.tags, post.tags)];
  return {
    id: String(post.id),
    url: post.link,
    ref: { status: post.status, ...(image ? { featuredMedia: String(image.id) } : {}) },
    ...(warnings.length ? { warnings } : {}),
  };
}

/** WordPress drops term ids it does not have without an error; the user is told which. */
function dropped(what: string, asked: string[] | undefined, kept: number[] | undefined): string[] {
  if (!asked?.length || !Array.isArray(kept)) return [];
  const lost = asked.filter((id) => !kept.includes(Number(id)));
  return lost.length ? [`The site no longer has these ${what} (ids ${lost.join(", ")}); the post was published without them`] : [];
}
