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
const VIDEO = vkManifest.media.video;
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

// Wall videos (dev.vk.com video.save and /api/upload/video-in-profile): video.save (group_id for a
// community, wallpost=0: the post itself attaches it) answers an upload_url and the new video's
// owner_id and video_id; the file goes there as multipart field "video_file"; the post attaches
// video<owner_id>_<video_id>. VK processes the video after the upload; the post may be made at once.

const videoSlot = z.object({ upload_url: z.string().url(), video_id: z.number(), owner_id: z.number(), access_key: z.string().optional() });
const videoUploaded = z.object({ size: z.number().optional(), video_id: z.number().optional(), error: z.unknown().optional() });
const VIDEO_EXT: Record<string, string> = { "video/mp4": "mp4", "video/quicktime": "mov" };

export function checkVideos(media: MediaItem[]): void {
  if (media.length > VIDEO.maxCount) throw new ProviderError("bad-body", `A VK post takes at most ${VIDEO.maxCount} videos`);
  for (const [i, m] of media.entries()) {
    if (!VIDEO.mimeTypes.includes(m.mimeType))
      throw new ProviderError("bad-body", `Attachment ${i + 1} is ${m.mimeType}; VK wall posts here take MP4 and MOV videos`);
    if (!m.bytes) throw new ProviderError("bad-body", `Attachment ${i + 1} has no file content to upload to VK`);
  }
}

/** Uploads each video for the wall `owner` and returns the attachments, "video<owner_id>_<id>". */
export async function uploadWallVideos(
  api: SocialAbstract,
  owner: string,
  media: MediaItem[],
  call: Omit<VkCall, "action">,
): Promise<string[]> {
  checkVideos(media);
  const group = owner.startsWith("-") ? owner.slice(1) : undefined;
  const out: string[] = [];
  for (const [i, m] of media.entries()) {
    const n = i + 1;
    const slot = videoSlot.safeParse(
      await callVk(
        api,
        "video.save",
        { ...(group ? { group_id: group } : {}), wallpost: 0 },
        { ...call, action: `get a VK upload address for video ${n}` },
      ),
    );
    if (!slot.success) throw new ProviderError("retry", `VK did not give an upload address for video ${n}`);
    const form = new FormData();
    form.set("video_file", new Blob([m.bytes!.slice()], { type: m.mimeType }), `video-${n}.${VIDEO_EXT[m.mimeType] ?? "bin"}`);
    // VK's video host from the answer; the token is not sent to it.
    const res = await api.fetch(
      slot.data.upload_url,
      { method: "POST", body: form },
      { action: `upload video ${n} to VK`, idempotent: true, maxRetries: 1, ctx: call.ctx },
    );
    const up = videoUploaded.safeParse(
      parseJsonAnswer(await res.text(), "VK's video upload server", `upload video ${n}`, { status: res.status }),
    );
    if (!up.success || up.data.error !== undefined)
      throw new ProviderError("bad-body", `VK's video upload server did not accept video ${n}`);
    const v = slot.data;
    out.push(`video${v.owner_id}_${v.video_id}${v.access_key ? `_${v.access_key}` : ""}`);
  }
  return out;
}

/** The attachments of an item's media: photos or videos (a VK item here does not mix them). */
export async function uploadMedia(api: SocialAbstract, owner: string, media: MediaItem[], call: Omit<VkCall, "action">): Promise<string[]> {
  if (!media.length) return [];
  const videos = media.filter((m) => m.mimeType.startsWith("video/"));
  if (videos.length && videos.length !== media.length)
    throw new ProviderError("bad-body", "A VK post here takes photos or videos, not both");
  return videos.length ? uploadWallVideos(api, owner, media, call) : uploadWallPhotos(api, owner, media, call);
}
