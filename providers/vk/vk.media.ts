import { z } from "zod";
import { ProviderError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem } from "../social.integrations.interface";
import { callVk, type VkCall } from "./vk.api";
import { vkManifest } from "./vk.manifest";

// Wall photos (dev.vk.com/en/api/upload/wall-photo): photos.getWallUploadServer (group_id for a
// community wall) gives an upload_url; the file goes there as multipart field "photo", which
// answers {server, photo, hash} with `photo` a JSON string passed back verbatim ("[]" = refused);
// photos.saveWallPhoto (+ group_id, or user_id) saves it, and the post attaches photo<owner>_<id>.

const RULES = vkManifest.media.image;
const EXT: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png" };

const server = z.object({ upload_url: z.string().url() });
const uploaded = z.object({ server: z.union([z.number(), z.string()]), photo: z.string(), hash: z.string() });
const saved = z.array(z.object({ id: z.number(), owner_id: z.number(), access_key: z.string().optional() })).min(1);

export function checkPhotos(media: MediaItem[]): void {
  if (media.length > RULES.maxCount) throw new ProviderError("bad-body", `A VK post takes at most ${RULES.maxCount} photos`);
  for (const [i, m] of media.entries()) {
    if (!RULES.mimeTypes.includes(m.mimeType))
      throw new ProviderError("bad-body", `Attachment ${i + 1} is ${m.mimeType}; VK wall posts here take JPEG and PNG photos`);
    if (!m.bytes) throw new ProviderError("bad-body", `Attachment ${i + 1} has no file content to upload to VK`);
  }
}

/** Uploads each photo for the wall `owner` and returns the attachments, "photo<owner_id>_<id>". */
export async function uploadWallPhotos(
  api: SocialAbstract,
  owner: string,
  media: MediaItem[],
  call: Omit<VkCall, "action">,
): Promise<string[]> {
  checkPhotos(media);
  const group = owner.startsWith("-") ? owner.slice(1) : undefined;
  const where = group ? { group_id: group } : {};
  const out: string[] = [];
  for (const [i, m] of media.entries()) {
    const n = i + 1;
    // A new upload server per photo: each upload_url takes one file.
    const srv = server.safeParse(
      await callVk(api, "photos.getWallUploadServer", where, { ...call, action: `get a VK upload address for photo ${n}` }),
    );
    if (!srv.success) throw new ProviderError("retry", `VK did not give an upload address for photo ${n}`);
    const form = new FormData();
    form.set("photo", new Blob([m.bytes!.slice()], { type: m.mimeType }), `photo-${n}.${EXT[m.mimeType] ?? "bin"}`);
    // The upload server is VK's own host from the answer; the token is not sent to it.
    const res = await api.fetch(
      srv.data.upload_url,
      { method: "POST", body: form },
      { action: `upload photo ${n} to VK`, idempotent: true, maxRetries: 1, ctx: call.ctx },
    );
    const up = uploaded.safeParse(parseJsonAnswer(await res.text(), "VK's upload server", `upload photo ${n}`, { status: res.status }));
    if (!up.success || up.data.photo === "[]" || !up.data.photo)
      throw new ProviderError(
        "bad-body",
        `VK's upload server did not accept photo ${n} (JPEG or PNG, up to 50 MB, width + height at most 14,000 px)`,
      );
    const ids = saved.safeParse(
      await callVk(
        api,
        "photos.saveWallPhoto",
        { ...where, photo: up.data.photo, server: String(up.data.server), hash: up.data.hash },
        { ...call, action: `save photo ${n} on VK` },
      ),
    );
    if (!ids.success) throw new ProviderError("retry", `VK did not return the saved photo ${n}`);
    const p = ids.data[0]!;
    out.push(`photo${p.owner_id}_${p.id}${p.access_key ? `_${p.access_key}` : ""}`);
  }
  return out;
}
