import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PublishContext } from "../social.integrations.interface";
import { mediumPost } from "./medium.api";
import { parseMediumError } from "./medium.errors";
import { mediumManifest } from "./medium.manifest";

// Attached images are uploaded with POST /v1/images (multipart, field "image", one image per
// request) and the story's Markdown then shows them by the address Medium answers with. Medium
// would also fetch an image from any address in the text itself, but an attachment in Postmill's
// media library usually has no address Medium can reach, so it is sent as bytes.

export type UploadedImage = { url: string; alt?: string };

const RULES = mediumManifest.media.image;
const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/tiff": "tiff" };
const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

/** Refuses what Medium would refuse before anything is uploaded. */
export function checkImages(media: MediaItem[]): void {
  if (media.length > RULES.maxCount)
    throw new ProviderError("bad-body", `Medium stories take at most ${RULES.maxCount} attached images here`);
  for (const [i, m] of media.entries()) {
    if (!RULES.mimeTypes.includes(m.mimeType))
      throw new ProviderError("bad-body", `Attachment ${i + 1} is ${m.mimeType}; Medium takes JPEG, PNG, GIF and TIFF images`);
    if (!m.bytes) throw new ProviderError("bad-body", `Attachment ${i + 1} has no file content to upload to Medium`);
    if (m.bytes.length > RULES.maxBytes)
      throw new ProviderError("bad-body", `Attachment ${i + 1} is ${mb(m.bytes.length)}; Medium takes images up to ${mb(RULES.maxBytes)}`);
  }
}

async function uploadOne(api: SocialAbstract, token: string, m: MediaItem, index: number, ctx?: PublishContext): Promise<UploadedImage> {
  const form = new FormData();
  // Medium reads the image's type from the part, so the part carries it and a matching file name.
  form.set("image", new Blob([m.bytes!.slice()], { type: m.mimeType }), `image-${index + 1}.${EXTENSIONS[m.mimeType] ?? "bin"}`);
  try {
    const image = await mediumPost<{ url?: unknown }>(api, token, "/images", form, {
      action: `upload image ${index + 1}`,
      ctx,
      // A repeated upload only leaves one more unused image on Medium, never a second story.
      idempotent: true,
      maxRetries: 1,
    });
    if (typeof image.url !== "string" || !/^https?:\/\//.test(image.url))
      throw new ProviderError("retry", `Medium did not return the address of uploaded image ${index + 1}`);
    return { url: image.url, ...(m.alt ? { alt: m.alt } : {}) };
  } catch (e) {
    // Uploading is a permission of its own ("uploadImage", an extended scope for OAuth apps): a
    // token without it can still publish, so the channel stays connected and the post says why.
    const refused = e instanceof ProviderError ? parseMediumError(e.details.body ?? "") : {};
    if (e instanceof ProviderError && refused.code === 6002)
      throw new ProviderError(
        "bad-body",
        `Medium refused to take image ${index + 1} from this token ("${refused.message ?? "missing permission"}"). Remove the attachments, or write the images into the text by their public address (![description](https://…)): Medium fetches those itself.`,
        e.details,
      );
    throw e;
  }
}

/** Uploads the attachments in order; Medium takes one image per request. */
export async function uploadImages(api: SocialAbstract, token: string, media: MediaItem[], ctx?: PublishContext): Promise<UploadedImage[]> {
  checkImages(media);
  const out: UploadedImage[] = [];
  for (const [i, m] of media.entries()) out.push(await uploadOne(api, token, m, i, ctx));
  return out;
}
