import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { adminCall, adminUrl } from "./ghost.api";
import { ghostHtml } from "./ghost.html";
import { ghostManifest } from "./ghost.manifest";
import { ghostSettings, type GhostSettings } from "./ghost.settings";

// A post is one POST /posts/?source=html, after its feature image (if any) is uploaded to the
// site with POST /images/upload/. Ghost emails it only when the `newsletter` query names an
// active newsletter, and only when it is published or scheduled.

type Answer = { posts?: { id?: string; url?: string; status?: string }[] };

const IMAGE = ghostManifest.media.image;

/** The settings as the schema reads them (the engine stores them parsed; a hand-made call may not). */
function checked(settings: GhostSettings | undefined): GhostSettings {
  const parsed = ghostSettings.safeParse(settings ?? {});
  if (!parsed.success) throw new ProviderError("bad-body", parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

/** Uploads the feature image to the site's storage; its URL becomes feature_image. */
export async function uploadFeatureImage(api: SocialAbstract, site: string, m: MediaItem, token: string, ctx?: PublishContext) {
  if (!m.bytes) throw new ProviderError("bad-body", "The feature image has no file content to upload");
  if (!IMAGE.mimeTypes.includes(m.mimeType))
    throw new ProviderError("bad-body", `The feature image is ${m.mimeType}; Ghost accepts ${IMAGE.mimeTypes.join(", ")}`);
  const name = `feature.${m.mimeType.split("/")[1]!.replace("svg+xml", "svg").replace("jpeg", "jpg")}`;
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(m.bytes)], { type: m.mimeType }), name);
  form.append("purpose", "image");
  form.append("ref", name);
  const answer = await adminCall<{ images?: { url?: string }[] }>(
    api,
    adminUrl(site, "images/upload/"),
    { method: "POST", body: form },
    // A repeated upload only leaves an unused copy of the file on the site: safe to repeat.
    { action: "upload the feature image", token, ctx, idempotent: true },
  );
  const url = answer.images?.[0]?.url;
  if (!url) throw new ProviderError("retry", "Ghost did not return the uploaded image's address");
  return url;
}

export async function createPost(
  api: SocialAbstract,
  site: string,
  token: string,
  item: PostItem,
  raw: GhostSettings | undefined,
  ctx?: PublishContext,
): Promise<PublishedItem> {
  const s = checked(raw);
  const image = item.media?.[0];
  if ((item.media?.length ?? 0) > 1) throw new ProviderError("bad-body", "Ghost takes one feature image per post");
  const featureImage = image ? await uploadFeatureImage(api, site, image, token, ctx) : undefined;
  const post = {
    title: s.title,
    html: ghostHtml(item.text),
    status: s.status,
    ...(s.publishedAt ? { published_at: new Date(s.publishedAt).toISOString() } : {}),
    ...(s.tags?.length ? { tags: s.tags.map((name) => ({ name })) } : {}),
    ...(s.excerpt ? { custom_excerpt: s.excerpt } : {}),
    ...(s.canonicalUrl ? { canonical_url: s.canonicalUrl } : {}),
    ...(s.visibility ? { visibility: s.visibility } : {}),
    ...(featureImage ? { feature_image: featureImage, ...(image?.alt ? { feature_image_alt: image.alt } : {}) } : {}),
  };
  const emailed = s.newsletter && s.status !== "draft";
  const url = adminUrl(site, "posts/", {
    source: "html",
    newsletter: emailed ? s.newsletter : undefined,
    email_segment: emailed ? s.emailSegment : undefined,
  });
  const answer = await adminCall<Answer>(
    api,
    url,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ posts: [post] }) },
    // Not repeated after a lost answer: Ghost has no idempotency key, so it would post twice.
    { action: "create the post", token, ctx, idempotent: false },
  );
  const made = answer.posts?.[0];
  if (!made?.id)
    throw new ProviderError("retry", "Ghost accepted the post but did not return its id; check the site before posting again", {
      mayHavePublished: true,
    });
  return { id: made.id, url: made.url || `${site}/ghost/#/editor/post/${made.id}` };
}
