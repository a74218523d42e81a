import { z } from "zod";
import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { GRAPH_VERSION, graphUrl, postLink } from "./facebook.api";
import { facebookManifest } from "./facebook.manifest";

// Reels and Stories (Video API "Reels Publishing API", Pages API "Page Stories"):
// - a Reel: POST /{page-id}/video_reels upload_phase=start → {video_id, upload_url}; the video goes to
//   rupload.facebook.com/video-upload/<ver>/{video_id} with `Authorization: OAuth <Page token>` and
//   either `file_url: <public URL>` (Facebook fetches it) or the bytes with `offset: 0` and
//   `file_size`; then upload_phase=finish with video_state=PUBLISHED and the description;
// - a video Story: the same three steps on /{page-id}/video_stories (finish answers post_id);
// - a photo Story: the photo uploaded unpublished (POST /{page-id}/photos published=false), then
//   POST /{page-id}/photo_stories photo_id.
// The upload URL is built from the rupload host setting rather than taken from the answer, so the
// Page token is only ever sent to Meta's upload host.

type Call = { api: SocialAbstract; pageId: string; token: string; userToken?: string; ctx?: PublishContext };

const started = z.object({ video_id: z.union([z.string().min(1), z.number()]).transform(String) });
const finished = z.object({ success: z.boolean().optional(), post_id: z.string().optional(), id: z.string().optional() });
const photoId = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) });

const oauth = (h: Headers, t: string) => h.set("authorization", `OAuth ${t}`);

async function publicAddress(m: MediaItem, ctx?: PublishContext): Promise<string | undefined> {
  if (m.url) return m.url;
  return ctx?.publicMediaUrl ? ctx.publicMediaUrl(m).catch(() => undefined) : undefined;
}

/** The video sent to the upload host: by URL when it has a public one, else its bytes in one request (the protocol is resumable, not chunked). */
async function upload(c: Call, videoId: string, m: MediaItem) {
  const url = await publicAddress(m, c.ctx);
  const headers: Record<string, string> = url ? { file_url: url } : { offset: "0", file_size: String(m.bytes?.length ?? 0) };
  if (!url && !m.bytes?.length)
    throw new ProviderError("bad-body", "The video has neither a public address nor file content to send to Facebook", {
      mayHavePublished: false,
    });
  await c.api.fetch(
    `${hostOf(facebookManifest, "rupload")}/video-upload/${GRAPH_VERSION}/${encodeURIComponent(videoId)}`,
    { method: "POST", headers, ...(url ? {} : { body: m.bytes!.slice() }) },
    // Sending the same bytes again to the same session only overwrites them: nothing is published yet.
    { action: "upload the video", token: c.token, applyToken: oauth, ctx: c.ctx, idempotent: true, maxRetries: 1 },
  );
}

async function phase(c: Call, edge: string, fields: Record<string, string>, action: string, idempotent: boolean) {
  return c.api.fetchJson(
    graphUrl(`/${encodeURIComponent(c.pageId)}/${edge}`),
    { method: "POST", body: new URLSearchParams(fields) },
    { action, token: c.token, ctx: c.ctx, idempotent, ...(idempotent ? { maxRetries: 1 } : {}) },
  );
}

async function videoThroughUpload(c: Call, edge: "video_reels" | "video_stories", m: MediaItem, finish: Record<string, string>) {
  const start = started.safeParse(await phase(c, edge, { upload_phase: "start" }, "start the video upload", true));
  if (!start.success)
    throw new ProviderError("retry", "Facebook did not return the video id of the upload session", { mayHavePublished: false });
  const videoId = start.data.video_id;
  await upload(c, videoId, m);
  // The finish call publishes: not repeated after a lost answer.
  const done = finished.safeParse(
    await phase(c, edge, { upload_phase: "finish", video_id: videoId, ...finish }, "publish the video", false),
  );
  if (!done.success || done.data.success === false)
    throw new ProviderError("retry", "Facebook did not confirm the video was published", { mayHavePublished: true });
  return { videoId, postId: done.data.post_id };
}

function oneMedia(item: PostItem, kinds: string, what: string): MediaItem {
  const media = item.media ?? [];
  if (media.length !== 1) throw new ProviderError("bad-body", `A Facebook ${what} takes exactly one ${kinds}`, { mayHavePublished: false });
  return media[0]!;
}

export async function publishReel(c: Call, item: PostItem): Promise<PublishedItem> {
  const m = oneMedia(item, "video", "Reel");
  if (!m.mimeType.startsWith("video/")) throw new ProviderError("bad-body", "A Facebook Reel is a video", { mayHavePublished: false });
  const text = item.text.trim();
  const { videoId } = await videoThroughUpload(c, "video_reels", m, { video_state: "PUBLISHED", ...(text ? { description: text } : {}) });
  return { id: videoId, url: `https://www.facebook.com/reel/${videoId}`, ref: { kind: "reel" } };
}

export async function publishStory(c: Call, item: PostItem): Promise<PublishedItem> {
  const m = oneMedia(item, "photo or video", "Story");
  const warnings = item.text.trim() ? ["A Facebook Story takes no text: the text was not sent."] : [];
  if (m.mimeType.startsWith("video/")) {
    const { videoId, postId } = await videoThroughUpload(c, "video_stories", m, {});
    const id = postId ?? videoId;
    return { id, url: postLink(id), ref: { kind: "story" }, ...(warnings.length ? { warnings } : {}) };
  }
  const url = await publicAddress(m, c.ctx);
  let body: URLSearchParams | FormData;
  if (url) body = new URLSearchParams({ published: "false", url });
  else if (m.bytes) {
    body = new FormData();
    body.set("published", "false");
    body.set("source", new Blob([m.bytes.slice()], { type: m.mimeType }), "story");
  } else throw new ProviderError("bad-body", "The photo has neither a public address nor file content", { mayHavePublished: false });
  const photo = photoId.safeParse(
    await c.api.fetchJson(
      graphUrl(`/${encodeURIComponent(c.pageId)}/photos`),
      { method: "POST", body },
      {
        action: "upload the story photo",
        token: c.token,
        ctx: c.ctx,
        idempotent: true,
        maxRetries: 1,
      },
    ),
  );
  if (!photo.success) throw new ProviderError("retry", "Facebook did not return the id of the uploaded photo", { mayHavePublished: false });
  const done = finished.safeParse(await phase(c, "photo_stories", { photo_id: photo.data.id }, "publish the story", false));
  if (!done.success || done.data.success === false)
    throw new ProviderError("retry", "Facebook did not confirm the story", { mayHavePublished: true });
  const id = done.data.post_id ?? photo.data.id;
  return { id, url: postLink(id), ref: { kind: "story" }, ...(warnings.length ? { warnings } : {}) };
}
