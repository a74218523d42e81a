import { altTextLength } from "@/lib/media/alt-text";
import { ProviderError } from "../core/errors";
import type { MediaItem } from "../social.integrations.interface";
import { jsonInit, type XCall } from "./x.client";
import { xManifest } from "./x.manifest";

// X media upload v2: images go up in one request; videos and animated GIFs, which X processes
// asynchronously, go through initialize / append / finalize and are polled until ready.

type Category = "tweet_image" | "tweet_gif" | "tweet_video";
type ProcessingInfo = {
  state?: "pending" | "in_progress" | "succeeded" | "failed";
  check_after_secs?: number;
  error?: { message?: string };
};
type MediaData = { data?: { id?: string; processing_info?: ProcessingInfo } };
type MetadataAnswer = {
  data?: { id?: string; associated_metadata?: unknown };
  errors?: { detail?: string; title?: string; message?: string }[];
};

const CHUNK_BYTES = 1024 * 1024;
const MAX_PROCESSING_MS = 10 * 60_000;
/** metadata.alt_text.text of POST /2/media/metadata is at most 1,000 characters (X's OpenAPI). */
export const X_ALT_TEXT_MAX = xManifest.media.maxAltTextLength;
// Uploading twice only leaves an unused media id, which X expires: safe to repeat.
const SAFE = { idempotent: true } as const;

export type Sleep = (ms: number) => Promise<void>;

/**
 * A GIF with more than one frame. Every frame of an animation carries a graphic control block
 * (21 F9 04); a still GIF is an ordinary photo and may sit beside 3 others.
 */
export function isAnimatedGif(m: MediaItem): boolean {
  const b = m.bytes;
  if (m.mimeType !== "image/gif" || !b) return false;
  let frames = 0;
  for (let i = 0; i + 2 < b.length && frames < 2; i++) if (b[i] === 0x21 && b[i + 1] === 0xf9 && b[i + 2] === 0x04) frames++;
  return frames > 1;
}

/** Videos and animated GIFs are one-per-post and processed by X before they can be used. */
export const isMoving = (m: MediaItem) => m.mimeType.startsWith("video/") || isAnimatedGif(m);

function categoryOf(m: MediaItem): Category {
  if (isAnimatedGif(m)) return "tweet_gif";
  if (m.mimeType.startsWith("image/")) return "tweet_image";
  if (m.mimeType.startsWith("video/")) return "tweet_video";
  throw new ProviderError("bad-body", `X cannot attach a file of type ${m.mimeType}`);
}

const label = (c: Category) => ({ tweet_image: "image", tweet_gif: "GIF", tweet_video: "video" })[c];

/** The media ids in the user's order, and what X would not take along (shown on the target). */
export type UploadedMedia = { ids: string[]; warnings: string[] };

/** Uploads in order, so the attachments appear as the user arranged them. */
export async function uploadMedia(call: XCall, sleep: Sleep, media: MediaItem[]): Promise<UploadedMedia> {
  const out: UploadedMedia = { ids: [], warnings: [] };
  for (const [i, m] of media.entries()) {
    const { id, warning } = await uploadOne(call, sleep, m, i);
    out.ids.push(id);
    if (warning) out.warnings.push(warning);
  }
  return out;
}

async function uploadOne(call: XCall, sleep: Sleep, m: MediaItem, index: number): Promise<{ id: string; warning?: string }> {
  const bytes = m.bytes;
  if (!bytes)
    throw new ProviderError(
      "bad-body",
      `The file ${m.path ?? m.url ?? "attached to this post"} could not be read, so it cannot be uploaded to X`,
    );
  const category = categoryOf(m);
  const uploaded =
    category === "tweet_image" ? await simpleUpload(call, bytes, m.mimeType) : await chunkedUpload(call, bytes, m.mimeType, category);
  const id = uploaded.data?.id;
  if (!id) throw new ProviderError("retry", `X did not return an id for the uploaded ${label(category)}`);
  await waitUntilReady(call, sleep, id, uploaded.data?.processing_info, label(category));
  // X takes alt text for images and GIFs, before the media is used in a post.
  const alt = m.alt?.trim();
  if (!alt || category === "tweet_video") return { id };
  return { id, warning: await describe(call, id, alt, `${label(category)} ${index + 1}`) };
}

/**
 * Sets the alt text of an uploaded image or GIF; returns a warning when X refuses it. A transient
 * failure (5xx, 429, timeout) is repeated by the fetch wrapper and, if it lasts, thrown as "retry"
 * so the whole target is tried again (uploading again is harmless). A refusal (4xx, or a 200
 * that carries only errors[]) does not cost the post: it goes out without the description and
 * the target says so (docs/publishing.md, "Alt text on X"). Text over X's limit is never cut:
 * the composer and the server refuse it, and a post saved before that rule is treated as refused.
 */
async function describe(call: XCall, id: string, alt: string, what: string): Promise<string | undefined> {
  const refused = (why: string) => `X did not take the alt text of ${what} (${why}), so it was published without it`;
  if (altTextLength(alt) > X_ALT_TEXT_MAX) return refused(`it has ${altTextLength(alt)} characters; X takes at most ${X_ALT_TEXT_MAX}`);
  try {
    const res = await call<MetadataAnswer>("/2/media/metadata", jsonInit({ id, metadata: { alt_text: { text: alt } } }), {
      ...SAFE,
      action: `add the alt text of ${what}`,
    });
    if (!res.data && res.errors?.length) {
      const e = res.errors[0]!;
      return refused(e.detail ?? e.message ?? e.title ?? "X answered with an error");
    }
    return undefined;
  } catch (e) {
    if (e instanceof ProviderError && e.kind === "bad-body") return refused(e.message);
    throw e;
  }
}

const blob = (bytes: Uint8Array, type: string) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type });

function simpleUpload(call: XCall, bytes: Uint8Array, mimeType: string): Promise<MediaData> {
  const form = new FormData();
  form.set("media_category", "tweet_image");
  form.set("media_type", mimeType);
  form.set("media", blob(bytes, mimeType), "image");
  return call<MediaData>("/2/media/upload", { method: "POST", body: form }, { ...SAFE, action: "upload the image" });
}

async function chunkedUpload(call: XCall, bytes: Uint8Array, mimeType: string, category: Category): Promise<MediaData> {
  const what = label(category);
  const init = await call<MediaData>(
    "/2/media/upload/initialize",
    jsonInit({ media_type: mimeType, total_bytes: bytes.length, media_category: category }),
    { ...SAFE, action: `start the ${what} upload` },
  );
  const id = init.data?.id;
  if (!id) throw new ProviderError("retry", `X did not start the ${what} upload`);
  const parts = Math.ceil(bytes.length / CHUNK_BYTES);
  for (let i = 0; i < parts; i++) {
    const form = new FormData();
    form.set("segment_index", String(i));
    form.set("media", blob(bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES), "application/octet-stream"), "chunk");
    await call(
      `/2/media/upload/${id}/append`,
      { method: "POST", body: form },
      { ...SAFE, action: `upload part ${i + 1} of ${parts} of the ${what}` },
    );
  }
  return call<MediaData>(`/2/media/upload/${id}/finalize`, { method: "POST" }, { ...SAFE, action: `finish the ${what} upload` });
}

/** X refuses a post whose media is still processing, so wait for "succeeded" first. */
async function waitUntilReady(call: XCall, sleep: Sleep, id: string, first: ProcessingInfo | undefined, what: string): Promise<void> {
  let info = first;
  let waited = 0;
  while (info && info.state !== "succeeded") {
    if (info.state === "failed") {
      throw new ProviderError("bad-body", `X could not process the ${what}: ${info.error?.message ?? "processing failed"}`);
    }
    if (waited >= MAX_PROCESSING_MS) throw new ProviderError("retry", `X is still processing the ${what}; try again in a few minutes`);
    const wait = Math.min(60, Math.max(1, info.check_after_secs ?? 5)) * 1000;
    await sleep(wait);
    waited += wait;
    const status = await call<MediaData>(
      `/2/media/upload?command=STATUS&media_id=${encodeURIComponent(id)}`,
      {},
      { action: `check the ${what}'s processing` },
    );
    info = status.data?.processing_info;
  }
}
