import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PublishContext } from "../social.integrations.interface";
import { JSON_HEADERS, pinterestUrl } from "./pinterest.api";

// What a pin shows, as Pinterest's media_source (../shared/platforms/pinterest.md §2):
// - images go as base64 (image_base64, or multiple_image_base64 for a carousel of 2–5): this
//   server has no public address for its files, and image_url would need one Pinterest can fetch;
// - a video goes through media registration: POST /v5/media {"media_type":"video"} answers an
//   upload_url and upload_parameters, the file is POSTed there as a form with every parameter,
//   and GET /v5/media/{id} is polled until "succeeded"; the pin then names the media_id and a
//   cover (the first frame, cover_image_key_frame_time).

const IMAGE_TYPES = new Set(["image/jpeg", "image/png"]);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

const registered = z.object({
  media_id: z.union([z.string(), z.number()]).transform(String),
  upload_url: z.url(),
  upload_parameters: z.record(z.string(), z.string()).default({}),
});
const mediaStatus = z.object({ status: z.string().optional() });

/** How long a video may stay "registered"/"processing" before the publish is tried again later. */
const PROCESSING_LIMIT_MS = 10 * 60_000;

function imageOf(m: MediaItem, i: number): { content_type: string; data: string } {
  if (!IMAGE_TYPES.has(m.mimeType))
    throw new ProviderError("bad-body", `Attachment ${i + 1} is ${m.mimeType}; Pinterest pins take JPEG or PNG images`);
  if (!m.bytes?.length) throw new ProviderError("bad-body", `Attachment ${i + 1} has no file content to send to Pinterest`);
  return { content_type: m.mimeType, data: base64(m.bytes) };
}

export async function mediaSource(
  api: SocialAbstract,
  token: string,
  media: MediaItem[],
  ctx?: PublishContext,
): Promise<Record<string, unknown>> {
  if (!media.length) throw new ProviderError("bad-body", "A pin needs an image or a video");
  const videos = media.filter((m) => m.mimeType.startsWith("video/"));
  if (videos.length) {
    if (media.length > 1) throw new ProviderError("bad-body", "A video pin has exactly one video and no images");
    const mediaId = await uploadVideo(api, token, videos[0]!, ctx);
    // The cover is required (§2); the first frame needs no public image address.
    return { source_type: "video_id", media_id: mediaId, cover_image_key_frame_time: 0 };
  }
  if (media.length === 1) return { source_type: "image_base64", ...imageOf(media[0]!, 0) };
  if (media.length > 5) throw new ProviderError("bad-body", `A Pinterest carousel has 2 to 5 images; this pin has ${media.length}`);
  return { source_type: "multiple_image_base64", items: media.map(imageOf), index: 0 };
}

async function uploadVideo(api: SocialAbstract, token: string, video: MediaItem, ctx?: PublishContext): Promise<string> {
  if (!video.bytes?.length) throw new ProviderError("bad-body", "The video has no file content to send to Pinterest");
  const reg = registered.safeParse(
    await api.fetchJson(
      pinterestUrl("/media"),
      { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ media_type: "video" }) },
      // A registration never used only leaves an unused upload slot: safe to repeat.
      { action: "register the video upload", token, ctx, idempotent: true, maxRetries: 2 },
    ),
  );
  if (!reg.success) throw new ProviderError("retry", "Pinterest did not return where to upload the video");
  const { media_id, upload_url, upload_parameters } = reg.data;
  const form = new FormData();
  // Every upload parameter, as given, then the file last (the storage service's form-POST rule).
  for (const [k, v] of Object.entries(upload_parameters)) form.set(k, v);
  form.set("file", new Blob([video.bytes.slice()], { type: video.mimeType }), "video");
  // The upload URL is a pre-signed storage address: no bearer token goes there.
  await api.fetch(
    upload_url,
    { method: "POST", body: form },
    { action: "upload the video", ctx, idempotent: true, maxRetries: 2, timeoutMs: 10 * 60_000 },
  );
  await waitUntilProcessed(api, token, media_id, ctx);
  return media_id;
}

async function waitUntilProcessed(api: SocialAbstract, token: string, mediaId: string, ctx?: PublishContext): Promise<void> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    const s = mediaStatus.safeParse(
      await api.fetchJson(
        pinterestUrl(`/media/${encodeURIComponent(mediaId)}`),
        {},
        { action: "check the video's processing", token, ctx },
      ),
    );
    const status = s.success ? s.data.status : undefined;
    if (status === "succeeded") return;
    if (status === "failed")
      throw new ProviderError("bad-body", "Pinterest could not process the video (status failed): check its format, length and size");
    if (Date.now() - started > PROCESSING_LIMIT_MS)
      throw new ProviderError(
        "retry",
        `Pinterest is still processing the video (status ${status ?? "unknown"}); the pin will be tried again later`,
        {
          retryAfterMs: 5 * 60_000,
          mayHavePublished: false,
        },
      );
    await sleep(Math.min(10_000, 1000 * (n + 1)));
  }
}
