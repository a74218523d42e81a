import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PublishContext } from "../social.integrations.interface";
import { meweUrl, userHeaders } from "./mewe.api";
import { meweManifest } from "./mewe.manifest";

// Photos go up first, one per call (../shared/platforms/mewe.md §2): POST /api/dev/photo/upload,
// multipart with the image in the part "file", answering {"id"}; the post then names them in
// uploadedPhotoIds.

const RULES = meweManifest.media.image;
const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png" };
const uploaded = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) });

/** Refuses what this server does not send to MeWe before anything is uploaded. */
export function checkPhotos(media: MediaItem[]): void {
  if (media.length > RULES.maxCount) throw new ProviderError("bad-body", `A MeWe post here takes at most ${RULES.maxCount} photos`);
  for (const [i, m] of media.entries()) {
    if (!RULES.mimeTypes.includes(m.mimeType))
      throw new ProviderError("bad-body", `Attachment ${i + 1} is ${m.mimeType}; MeWe posts here take JPEG and PNG photos`);
    if (!m.bytes) throw new ProviderError("bad-body", `Attachment ${i + 1} has no file content to upload to MeWe`);
  }
}

export async function uploadPhotos(api: SocialAbstract, token: string, media: MediaItem[], ctx?: PublishContext): Promise<string[]> {
  checkPhotos(media);
  const ids: string[] = [];
  for (const [i, m] of media.entries()) {
    const form = new FormData();
    form.set("file", new Blob([m.bytes!.slice()], { type: m.mimeType }), `photo-${i + 1}.${EXTENSIONS[m.mimeType] ?? "bin"}`);
    const answer = uploaded.safeParse(
      await api.fetchJson(
        meweUrl("/api/dev/photo/upload"),
        { method: "POST", headers: userHeaders(), body: form },
        // A repeated upload only leaves an unused photo on MeWe, never a second post.
        { action: `upload photo ${i + 1}`, token, ctx, idempotent: true, maxRetries: 1 },
      ),
    );
    if (!answer.success) throw new ProviderError("retry", `MeWe did not return the id of uploaded photo ${i + 1}`);
    ids.push(answer.data.id);
  }
  return ids;
}
