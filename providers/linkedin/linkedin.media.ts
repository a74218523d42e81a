import { ProviderError } from "../core/errors";
import type { MediaItem } from "../social.integrations.interface";
import type { LinkedInApi, LinkedInCall } from "./linkedin.api";

// Images: initializeUpload, then one PUT of the whole file (chunks would overwrite each other).
// Videos: initializeUpload with the size, a PUT per part collecting etags, finalizeUpload, then
// wait until LinkedIn has processed it, because a post may only refer to AVAILABLE media.

type ImageInit = { value: { uploadUrl: string; image: string; uploadUrlExpiresAt?: number } };
type VideoInit = {
  value: { video: string; uploadToken?: string; uploadInstructions: { uploadUrl: string; firstByte: number; lastByte: number }[] };
};
type VideoStatus = { status?: string; processingFailureReason?: string };

export type UploadedMedia = { urn: string; alt?: string };

function bytesOf(media: MediaItem): Uint8Array {
  if (!media.bytes?.length) {
    throw new ProviderError(
      "bad-body",
      `LinkedIn needs the file itself to upload ${media.path ?? media.url ?? "an attachment"}, and it could not be read`,
    );
  }
  return media.bytes;
}

export async function uploadImage(api: LinkedInApi, call: LinkedInCall, owner: string, media: MediaItem): Promise<UploadedMedia> {
  const bytes = bytesOf(media);
  const init = await api.post<ImageInit>(
    call,
    "/rest/images?action=initializeUpload",
    { initializeUploadRequest: { owner } },
    "prepare the image upload",
    { idempotent: true },
  );
  await api.upload(call, init.value.uploadUrl, bytes, media.mimeType);
  return { urn: init.value.image, alt: media.alt };
}

export type VideoWait = { attempts: number; intervalMs: number };

export async function uploadVideo(
  api: LinkedInApi,
  call: LinkedInCall,
  owner: string,
  media: MediaItem,
  wait: VideoWait,
): Promise<UploadedMedia> {
  const bytes = bytesOf(media);
  const init = await api.post<VideoInit>(
    call,
    "/rest/videos?action=initializeUpload",
    { initializeUploadRequest: { owner, fileSizeBytes: bytes.length, uploadCaptions: false, uploadThumbnail: false } },
    "prepare the video upload",
    { idempotent: true },
  );
  const { video, uploadToken = "", uploadInstructions } = init.value;
  const etags: string[] = [];
  for (const part of uploadInstructions) {
    etags.push(await api.upload(call, part.uploadUrl, bytes.subarray(part.firstByte, part.lastByte + 1), "application/octet-stream"));
  }
  await api.post(
    call,
    "/rest/videos?action=finalizeUpload",
    { finalizeUploadRequest: { video, uploadToken, uploadedPartIds: etags } },
    "finish the video upload",
    { idempotent: true },
  );

  for (let i = 0; i < wait.attempts; i++) {
    const s = await api.get<VideoStatus>(call, `/rest/videos/${encodeURIComponent(video)}`, "check the video");
    if (s.status === "AVAILABLE") return { urn: video, alt: media.alt };
    if (s.status === "PROCESSING_FAILED") {
      throw new ProviderError(
        "bad-body",
        `LinkedIn could not process the video${s.processingFailureReason ? `: ${s.processingFailureReason}` : ""}`,
      );
    }
    await new Promise((ok) => setTimeout(ok, wait.intervalMs));
  }
  throw new ProviderError("retry", "LinkedIn is still processing the video; try publishing again in a few minutes");
}

/** Uploads every attachment; the media rules already guarantee images only, or one video. */
export async function uploadAll(
  api: LinkedInApi,
  call: LinkedInCall,
  owner: string,
  media: MediaItem[],
  wait: VideoWait,
): Promise<UploadedMedia[]> {
  const out: UploadedMedia[] = [];
  for (const m of media) {
    out.push(m.mimeType.startsWith("video/") ? await uploadVideo(api, call, owner, m, wait) : await uploadImage(api, call, owner, m));
  }
  return out;
}
