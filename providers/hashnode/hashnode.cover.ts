import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PublishContext } from "../social.integrations.interface";
import { gql } from "./hashnode.gql";
import { hashnodeManifest } from "./hashnode.manifest";
import { CONFIRM_IMAGE_UPLOAD, confirmData, CREATE_IMAGE_UPLOAD_URL, uploadUrlData } from "./hashnode.operations";

// The article's cover: uploaded to Hashnode's CDN first (references/recipes.md "Upload an
// image", option B): createImageUploadURL gives a presigned PUT, the bytes go straight to the
// bucket (without the token: the URL carries its own signature), then confirmImageUpload checks
// the 8 MB cap and answers the CDN URL that publishPost's coverImage takes.

const RULES = hashnodeManifest.media.image;
const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

export async function uploadCover(client: SocialAbstract, token: string, media: MediaItem, ctx?: PublishContext): Promise<string> {
  if (!media.bytes?.length)
    throw new ProviderError(
      "bad-body",
      `Hashnode needs the cover image itself to upload ${media.path ?? media.url ?? ""}, and it could not be read`,
    );
  if (!RULES.mimeTypes.includes(media.mimeType))
    throw new ProviderError("bad-body", `The cover image is ${media.mimeType}; Hashnode accepts ${RULES.mimeTypes.join(", ")} (no SVG)`);
  if (media.bytes.length > RULES.maxBytes)
    throw new ProviderError("bad-body", `The cover image is ${mb(media.bytes.length)}; Hashnode accepts at most ${mb(RULES.maxBytes)}`);

  // Asking for an upload target makes nothing visible, so it may be repeated.
  const target = await gql(
    client,
    { token, ctx, action: "prepare the cover image upload" },
    CREATE_IMAGE_UPLOAD_URL,
    { input: { contentType: media.mimeType } },
    uploadUrlData,
  );
  const put = target.createImageUploadURL.presignedPut;
  await client.fetch(
    put.url,
    { method: "PUT", headers: { "content-type": media.mimeType }, body: Buffer.from(media.bytes) },
    { action: "upload the cover image", ctx },
  );
  const confirmed = await gql(
    client,
    { token, ctx, action: "confirm the cover image upload" },
    CONFIRM_IMAGE_UPLOAD,
    { input: { key: put.key } },
    confirmData,
  );
  if (!confirmed.confirmImageUpload.ok)
    throw new ProviderError("bad-body", `Hashnode refused the cover image as larger than ${mb(RULES.maxBytes)} and deleted it`);
  return confirmed.confirmImageUpload.cdnUrl || put.cdnUrl;
}
