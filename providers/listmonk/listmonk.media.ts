import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PublishContext } from "../social.integrations.interface";
import { call, type Conn } from "./listmonk.api";

// Images go into the email itself: each is uploaded to the server's media library first
// (POST /api/media, multipart "file"; docs: apis/media.md) and the campaign's HTML shows it by the
// URL Listmonk gives back. The server checks the file's extension against its allowed list, so
// the part is named with the extension of its type.

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif" };

type Uploaded = { id: number; url?: string | null; uri?: string | null };

export type Image = { url: string; alt?: string };

export async function uploadImage(api: SocialAbstract, conn: Conn, media: MediaItem, index: number, ctx?: PublishContext): Promise<Image> {
  if (!media.bytes) throw new ProviderError("bad-body", `Image ${index + 1} has no file content to upload to Listmonk.`);
  const ext = EXTENSIONS[media.mimeType];
  if (!ext)
    throw new ProviderError("bad-body", `Image ${index + 1} is ${media.mimeType}; Listmonk campaigns take JPEG, PNG or GIF images.`);
  const form = new FormData();
  form.set("file", new Blob([media.bytes.slice()], { type: media.mimeType }), `postmill-${Date.now()}-${index + 1}.${ext}`);
  // A repeated upload only leaves an unused file in the media library.
  const up = await call<Uploaded>(
    api,
    conn,
    "/api/media",
    { method: "POST", body: form },
    { action: "upload an image", idempotent: true, maxRetries: 1, ctx },
  );
  // v3+ answers an absolute `url`; older servers a server-relative `uri`. Mail clients need absolute addresses.
  const where = up.url || up.uri;
  if (!where) throw new ProviderError("retry", `Listmonk stored image ${index + 1} but gave no address for it`);
  return { url: new URL(where, `${conn.server}/`).toString(), ...(media.alt ? { alt: media.alt } : {}) };
}
