import { z } from "zod";
import { ProviderError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PublishContext } from "../social.integrations.interface";
import { uploadUrl } from "./youtube.api";
import { isQuotaExceeded } from "./youtube.errors";

// videos.insert through the resumable upload protocol (developers.google.com/youtube/v3/guides/
// using_resumable_upload_protocol; ../shared/platforms/youtube.md §2):
//   1. POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status with the metadata
//      JSON, X-Upload-Content-Length and X-Upload-Content-Type → 200 and the session URI in Location;
//   2. PUT <session> in chunks (multiples of 256 KiB but the last) with Content-Range
//      "bytes first-last/total" → 308 Resume Incomplete with "Range: bytes=0-N" while more is
//      expected, 200/201 with the video resource after the last byte;
//   3. to learn where a session stands, PUT <session> with no body and "Content-Range: bytes */total"
//      → 308 (+ Range, none when nothing arrived) or 200/201 (complete); 404/410 the session is gone.
// The video exists only once the last byte arrives. The file is read from storage one chunk at a
// time (MediaItem.read), so memory does not grow with its size, and the session and the offset
// YouTube confirmed are saved on the target (ctx.upload) after every chunk: a retried publish,
// even in a new worker after a crash, asks the session for its offset and continues from there.

const KIB256 = 256 * 1024;
/** 8 MiB: a multiple of 256 KiB, few enough requests for a large file, small enough to hold. */
export const DEFAULT_CHUNK = 32 * KIB256;
/** Consecutive failed chunks (each followed by a status query) before the attempt is handed back for a later retry. */
const MAX_CHUNK_FAILURES = 5;

/** What is saved on the target while a video uploads; `videoId` once YouTube confirmed the last byte. */
export const uploadState = z.object({
  v: z.literal(1),
  session: z.url(),
  size: z.number().int().nonnegative(),
  /** Which file and metadata the session is for: a different one starts a new session. */
  key: z.string(),
  offset: z.number().int().nonnegative(),
  videoId: z.string().optional(),
});
export type UploadState = z.infer<typeof uploadState>;

export const videoResource = z.object({
  id: z.string().min(1),
  snippet: z.object({ title: z.string().optional(), channelId: z.string().optional() }).partial().optional(),
  status: z.object({ uploadStatus: z.string().optional(), privacyStatus: z.string().optional() }).partial().optional(),
});
export type VideoResource = z.infer<typeof videoResource>;

export type VideoSource = { size: number; mimeType: string; read: (start: number, end: number) => Promise<Uint8Array>; key: string };

/** The one video of a post as something read in ranges: from storage (streamed) or the bytes given. */
export function videoSource(m: MediaItem): VideoSource {
  const size = m.size ?? m.bytes?.length;
  const read = m.read ?? (m.bytes ? async (s: number, e: number) => m.bytes!.subarray(s, e) : undefined);
  if (size === undefined || !read) throw new ProviderError("bad-body", "The video has no file content to upload to YouTube");
  if (size === 0) throw new ProviderError("bad-body", "The video file is empty");
  return { size, mimeType: m.mimeType, read, key: `${m.path ?? m.url ?? "bytes"}:${size}` };
}

type Call = { token: string; ctx?: PublishContext; chunkBytes?: number };

/** Where a session stands: the offset YouTube has, or the finished video, or gone (404/410). */
type SessionStatus = { done: VideoResource } | { offset: number } | "gone";

const pct = (n: number, total: number) => Math.min(99, Math.floor((n / total) * 100));

/** "bytes=0-N" → N + 1; no header → 0 (nothing arrived yet). */
export function nextOffset(range: string | null): number {
  const m = range?.match(/bytes=0-(\d+)/);
  return m ? Number(m[1]) + 1 : 0;
}

function readVideo(res: Response, text: string, action: string): VideoResource {
  const parsed = videoResource.safeParse(parseJsonAnswer(text, "YouTube", action, { status: res.status }));
  if (!parsed.success) throw new ProviderError("retry", "YouTube finished the upload but sent a video resource this server cannot read");
  return parsed.data;
}

/** PUT <session> with "Content-Range: bytes * /total": the documented status query. */
export async function sessionStatus(api: SocialAbstract, session: string, size: number, call: Call): Promise<SessionStatus> {
  const action = "ask YouTube how much of the video arrived";
  const res = await api
    .fetch(
      session,
      { method: "PUT", headers: { "content-range": `bytes */${size}`, "content-length": "0" }, redirect: "manual" },
      { action, token: call.token, ctx: call.ctx, idempotent: true, expect: [308, 404, 410], maxRetries: 2 },
    )
    .catch((e: unknown) => {
      // Asking changes nothing on YouTube.
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  const text = await res.text();
  if (res.status === 404 || res.status === 410) return "gone";
  if (res.status === 308) return { offset: nextOffset(res.headers.get("range")) };
  return { done: readVideo(res, text, action) };
}

/**
 * Uploads the video (or continues the upload saved in ctx.upload) and returns the video resource.
 * `metadata` is the videos.insert body ({snippet, status}); `query` the extra query parameters.
 */
export async function uploadVideo(
  api: SocialAbstract,
  src: VideoSource,
  metadata: Record<string, unknown>,
  query: Record<string, string>,
  given: Call,
): Promise<VideoResource> {
  // One token for every call of the upload: a refresh by one chunk is used by the next.
  const call: Call = { ...given };
  const outer = given.ctx;
  if (outer?.refreshAccessToken) {
    const refresh = outer.refreshAccessToken;
    call.ctx = { ...outer, refreshAccessToken: async () => (call.token = await refresh()) };
  }
  const { ctx } = call;
  const key = `${src.key}:${hashOf(JSON.stringify({ metadata, query }))}`;
  let state: UploadState | undefined;
  const saved = uploadState.safeParse((await ctx?.upload?.load()) ?? undefined);
  if (saved.success && saved.data.key === key && saved.data.size === src.size) {
    if (saved.data.videoId) return { id: saved.data.videoId };
    const status = await sessionStatus(api, saved.data.session, src.size, call);
    if (status !== "gone") {
      if ("done" in status) return finish(saved.data, status.done, ctx);
      state = { ...saved.data, offset: status.offset };
    }
  }
  if (!state) state = await startSession(api, src, key, metadata, query, call);

  const chunk = call.chunkBytes ?? DEFAULT_CHUNK;
  if (chunk % KIB256 !== 0) throw new Error("The upload chunk size must be a multiple of 256 KiB");
  let failures = 0;
  await ctx?.upload?.progress(`Uploading ${pct(state.offset, src.size)}%`);
  for (;;) {
    const start = state.offset;
    const end = Math.min(start + chunk, src.size);
    let answer: SessionStatus;
    try {
      answer = await putChunk(api, state.session, src, start, end, call);
    } catch (e) {
      // YouTube said when to come back (a rate limit, the daily quota): the attempt waits for it,
      // and the saved session lets the next one continue where this one stopped.
      const asked = e instanceof ProviderError && e.details.retryAfterMs !== undefined;
      if (!(e instanceof ProviderError) || e.kind !== "retry" || asked || ++failures > MAX_CHUNK_FAILURES) {
        // A lost answer to the last chunk is marked mayHavePublished by fetch(): the engine then
        // asks the saved session (findPublished) before anything is sent again.
        throw e;
      }
      // A chunk whose answer was lost may or may not have arrived: the session says how far it got.
      answer = await sessionStatus(api, state.session, src.size, call);
      if (answer === "gone") throw new ProviderError("retry", "YouTube's upload session expired; the upload starts again on the next try");
    }
    if (answer === "gone") {
      await ctx?.upload?.save(null);
      throw new ProviderError("retry", "YouTube's upload session expired; the upload starts again on the next try");
    }
    if ("done" in answer) return finish(state, answer.done, ctx);
    // YouTube kept nothing of the chunk (it may drop a partial one): try again, but not forever.
    if (answer.offset <= start && ++failures > MAX_CHUNK_FAILURES)
      throw new ProviderError("retry", `YouTube did not take the video past byte ${start}; the upload resumes on the next try`);
    if (answer.offset > start) failures = 0;
    state = { ...state, offset: answer.offset };
    await ctx?.upload?.save(state);
    await ctx?.upload?.progress(`Uploading ${pct(state.offset, src.size)}%`);
  }
}

async function finish(state: UploadState, video: VideoResource, ctx?: PublishContext): Promise<VideoResource> {
  // Kept with the video's id: a worker that dies before the result is stored adopts it next time.
  await ctx?.upload?.save({ ...state, offset: state.size, videoId: video.id });
  await ctx?.upload?.progress(null);
  return video;
}

async function startSession(
  api: SocialAbstract,
  src: VideoSource,
  key: string,
  metadata: Record<string, unknown>,
  query: Record<string, string>,
  call: Call,
): Promise<UploadState> {
  const action = "start the YouTube upload";
  // Known to be spent already (this server's count, or YouTube said so): wait for the reset
  // instead of spending a call on a refusal.
  const quota = call.ctx?.quota;
  const left = await quota?.remaining();
  if (quota && left && (left.uploads ?? 1) < 1)
    throw new ProviderError(
      "retry",
      "YouTube's daily upload quota for this server is used up; the video is uploaded after it resets at midnight Pacific Time",
      {
        retryAfterMs: quota.msUntilReset(),
        mayHavePublished: false,
      },
    );
  // videos.insert is counted when the session is opened, whatever follows.
  await quota?.spend("uploads", 1);
  const res = await api
    .fetch(
      uploadUrl("/videos", { uploadType: "resumable", part: "snippet,status", ...query }),
      {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=UTF-8",
          "x-upload-content-length": String(src.size),
          "x-upload-content-type": src.mimeType || "application/octet-stream",
        },
        body: JSON.stringify(metadata),
      },
      // Opening a session creates no video (that needs the bytes), so repeating it is harmless.
      { action, token: call.token, ctx: call.ctx, idempotent: true, maxRetries: 2 },
    )
    .catch(async (e: unknown) => {
      if (e instanceof ProviderError && isQuotaExceeded(e.details.body)) await call.ctx?.quota?.exhaust("uploads");
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  await res.text();
  const session = res.headers.get("location");
  if (!session || !/^https?:\/\//.test(session)) throw new ProviderError("retry", "YouTube opened no upload session (no Location header)");
  const state: UploadState = { v: 1, session, size: src.size, key, offset: 0 };
  await call.ctx?.upload?.save(state);
  return state;
}

async function putChunk(
  api: SocialAbstract,
  session: string,
  src: VideoSource,
  start: number,
  end: number,
  call: Call,
): Promise<SessionStatus> {
  const bytes = await src.read(start, end);
  if (bytes.length !== end - start)
    throw new ProviderError("bad-body", `The video file is shorter than its recorded size (${src.size} bytes)`);
  const action = `upload bytes ${start}–${end - 1} of the video`;
  const res = await api.fetch(
    session,
    {
      method: "PUT",
      headers: { "content-range": `bytes ${start}-${end - 1}/${src.size}`, "content-type": src.mimeType || "application/octet-stream" },
      body: bytes as Uint8Array<ArrayBuffer>,
      redirect: "manual",
    },
    // Not repeated blindly: after a failure the session is asked how far it got (uploadVideo).
    { action, token: call.token, ctx: call.ctx, idempotent: false, maxRetries: 0, expect: [308, 404, 410] },
  );
  const text = await res.text();
  if (res.status === 404 || res.status === 410) return "gone";
  if (res.status === 308) return { offset: nextOffset(res.headers.get("range")) };
  return { done: readVideo(res, text, action) };
}

function hashOf(s: string): string {
  // FNV-1a: a short fingerprint of the metadata, not a secret.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}
