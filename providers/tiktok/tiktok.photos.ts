import { ProviderError } from "../core/errors";
import { withPublicMedia } from "../core/public-media";
import { underVerifiedPrefix, verifiedPrefixOf } from "../core/verified-prefix";
import type { SocialAbstract } from "../social.abstract";
import type { PostItem, PublishContext } from "../social.integrations.interface";
import { callTiktok } from "./tiktok.api";
import { tiktokManifest } from "./tiktok.manifest";

// Photo posts (developers.tiktok.com/doc/content-posting-api-reference-photo-post): one init at
// /v2/post/publish/content/init/ with media_type PHOTO and source PULL_FROM_URL (the only source
// photos take): TikTok downloads each photo from photo_images, which must be under a URL prefix or
// domain verified for the app (else url_ownership_unverified). Uploads go out as their signed
// public URLs; the operator names the verified prefix in TIKTOK_VERIFIED_MEDIA_PREFIX.

const rule = tiktokManifest.media.image.verifiedPrefix;

/** The photos' public URLs, each checked to be under the verified prefix before TikTok is asked. */
export async function photoUrls(item: PostItem, ctx: PublishContext | undefined): Promise<string[]> {
  const prefix = verifiedPrefixOf(rule.envVar);
  if (!prefix)
    throw new ProviderError(
      "bad-body",
      `TikTok takes photos only from an address verified in its developer portal, and ${rule.envVar} does not name one on this server`,
    );
  const media =
    (
      await withPublicMedia(
        item,
        ctx,
        "TikTok downloads photos from a public address, and this server has none for uploads: attach them by a link under the verified address",
      )
    ).media ?? [];
  return media.map((m, i) => {
    const url = m.url ?? "";
    if (!underVerifiedPrefix(url, prefix))
      throw new ProviderError(
        "bad-body",
        `Photo ${i + 1}: TikTok takes photos only from the address verified for the app (${prefix}); this one is not under it`,
      );
    return url;
  });
}

export type PhotoInit = { inbox: boolean; urls: string[]; postInfo: Record<string, unknown> };

/** Init a photo post (never repeated: a lost answer may have made a publish); returns the publish_id. */
export async function initPhotos(api: SocialAbstract, req: PhotoInit, c: { token: string; ctx?: PublishContext }): Promise<string> {
  const body = {
    media_type: "PHOTO",
    post_mode: req.inbox ? "MEDIA_UPLOAD" : "DIRECT_POST",
    post_info: req.postInfo,
    source_info: { source: "PULL_FROM_URL", photo_cover_index: 0, photo_images: req.urls },
  };
  const data = await callTiktok(api, "/v2/post/publish/content/init/", body, {
    ...c,
    action: "start the TikTok photo post",
    idempotent: false,
  });
  const publishId = typeof data.publish_id === "string" ? data.publish_id : "";
  if (!publishId) throw new ProviderError("retry", "TikTok did not return the photo post's publish id", { mayHavePublished: true });
  return publishId;
}
