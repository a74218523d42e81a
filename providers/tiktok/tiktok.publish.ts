import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, PublishContext } from "../social.integrations.interface";
import { callTiktok, callTiktokRaw } from "./tiktok.api";
import { chunkRanges, contentRange, planChunks } from "./tiktok.chunks";
import { failReasonText } from "./tiktok.errors";
import type { VideoSource } from "./tiktok.source";

// The Content Posting API's steps (../shared/platforms/tiktok.md §2; developers.tiktok.com
// content-posting-api-reference-query-creator-info, -direct-post, -upload-video,
// -get-video-status): creator_info first, then init (direct post or the creator's inbox) with
// source FILE_UPLOAD, the chunks PUT in order to upload_url, then status/fetch until TikTok says
// PUBLISH_COMPLETE (or SEND_TO_USER_INBOX for a draft) or FAILED with a fail_reason.

const creatorAnswer = z.object({
  creator_username: z.string().optional(),
  creator_nickname: z.string().optional(),
  privacy_level_options: z.array(z.string()).default([]),
  comment_disabled: z.boolean().default(false),
  duet_disabled: z.boolean().default(false),
  stitch_disabled: z.boolean().default(false),
  max_video_post_duration_sec: z.number().optional(),
});
export type CreatorInfo = z.infer<typeof creatorAnswer>;

type Call = { token: string; ctx?: PublishContext };

export async function creatorInfo(api: SocialAbstract, c: Call): Promise<CreatorInfo> {
  const data = await callTiktok(
    api,
    "/v2/post/publish/creator_info/query/",
    {},
    { ...c, action: "read what this TikTok account may post" },
  );
  const parsed = creatorAnswer.safeParse(data);
  if (!parsed.success) throw new ProviderError("retry", "TikTok sent creator info this server cannot read");
  return parsed.data;
}

export type InitRequest = { inbox: boolean; postInfo?: Record<string, unknown>; video: VideoSource };

/** Init (never repeated: a lost answer may have made a publish) and returns the publish_id and upload_url. */
export async function initVideo(api: SocialAbstract, req: InitRequest, c: Call): Promise<{ publishId: string; uploadUrl: string }> {
  const plan = planChunks(req.video.size);
  const source_info = {
    source: "FILE_UPLOAD",
    video_size: plan.videoSize,
    chunk_size: plan.chunkSize,
    total_chunk_count: plan.totalChunkCount,
  };
  const path = req.inbox ? "/v2/post/publish/inbox/video/init/" : "/v2/post/publish/video/init/";
  const body = req.inbox ? { source_info } : { post_info: req.postInfo, source_info };
  const data = await callTiktok(api, path, body, { ...c, action: "start the TikTok upload", idempotent: false });
  const publishId = typeof data.publish_id === "string" ? data.publish_id : "";
  const uploadUrl = typeof data.upload_url === "string" ? data.upload_url : "";
  if (!publishId || !uploadUrl)
    throw new ProviderError("retry", "TikTok did not return a publish id and upload address", { mayHavePublished: !!publishId });
  return { publishId, uploadUrl };
}

/**
 * PUTs the video to upload_url chunk by chunk, in order, each read from storage just before it is
 * sent (one chunk in memory at a time). TikTok answers 206 for a chunk and 201 for the last.
 */
export async function uploadChunks(
  api: SocialAbstract,
  uploadUrl: string,
  video: VideoSource,
  c: Call,
  onChunk?: (sent: number) => void | Promise<void>,
) {
  const plan = planChunks(video.size);
  let sent = 0;
  for (const r of chunkRanges(plan)) {
    const bytes = await video.read(r.start, r.end - r.start + 1);
    // The upload host is TikTok's own from the answer; it takes no bearer token. A PUT of the
    // same range is safe to repeat.
    await api.fetch(
      uploadUrl,
      {
        method: "PUT",
        headers: { "content-type": video.mimeType, "content-range": contentRange(r, plan.videoSize) },
        body: bytes as Uint8Array<ArrayBuffer>,
      },
      {
        action: `upload part ${r.index + 1} of ${plan.totalChunkCount} of the video to TikTok`,
        idempotent: true,
        maxRetries: 2,
        ctx: c.ctx,
      },
    );
    sent += bytes.length;
    await onChunk?.(sent);
  }
}

const statusAnswer = z.object({
  status: z.string(),
  fail_reason: z.string().optional(),
  // TikTok's own spelling.
  publicaly_available_post_id: z.array(z.union([z.number(), z.string()]).transform(String)).optional(),
  uploaded_bytes: z.number().optional(),
});
export type PublishStatus = z.infer<typeof statusAnswer>;

/**
 * The ids in publicaly_available_post_id, as written: TikTok sends them as int64 numbers (19
 * digits, past JavaScript's 2^53), so JSON.parse would round them to another video's id.
 */
export function postIdsIn(text: string): string[] | undefined {
  const m = /"publicaly_available_post_id"\s*:\s*\[([^\]]*)\]/.exec(text);
  if (!m) return undefined;
  return m[1]!
    .split(",")
    .map((s) => s.trim().replace(/^"|"$/g, ""))
    .filter((s) => /^\d+$/.test(s));
}

export type PollOptions = { firstDelayMs: number; maxDelayMs: number; timeoutMs: number; sleep: (ms: number) => Promise<void> };

/**
 * Polls status/fetch until TikTok is done with the publish. FAILED throws its reason in the
 * user's words; a publish still processing when the time is up is returned as it is (never
 * started again: it may still go through). A failing status call is tried again on the next round.
 */
export async function awaitPublish(api: SocialAbstract, publishId: string, c: Call, o: PollOptions): Promise<PublishStatus> {
  const started = Date.now();
  let delay = o.firstDelayMs;
  let last: PublishStatus = { status: "PROCESSING_UPLOAD" };
  let failures = 0;
  for (;;) {
    try {
      const { data, text } = await callTiktokRaw(
        api,
        "/v2/post/publish/status/fetch/",
        { publish_id: publishId },
        { ...c, action: "read the TikTok publish status", idempotent: true, maxRetries: 1 },
      );
      const parsed = statusAnswer.safeParse(data);
      if (parsed.success)
        last = { ...parsed.data, publicaly_available_post_id: postIdsIn(text) ?? parsed.data.publicaly_available_post_id };
      failures = 0;
    } catch (e) {
      // A token problem is the channel's; anything else while polling is not worth failing a post
      // that TikTok may be publishing, until it keeps happening.
      if (e instanceof ProviderError && (e.kind === "disconnect" || e.kind === "refresh-token")) throw e;
      if (++failures >= 5)
        throw new ProviderError("retry", `TikTok's publish status could not be read: ${(e as Error).message}`, { mayHavePublished: true });
    }
    if (last.status === "FAILED")
      throw new ProviderError("bad-body", `TikTok could not publish the post: ${failReasonText(last.fail_reason)}`);
    if (last.status === "PUBLISH_COMPLETE" || last.status === "SEND_TO_USER_INBOX") return last;
    if (Date.now() - started + delay > o.timeoutMs) return last;
    await o.sleep(delay);
    delay = Math.min(delay * 2, o.maxDelayMs);
  }
}

/** The public link: the video's page when TikTok gave its id, else the creator's profile. */
export function videoUrl(channel: ChannelAccess, username: string | undefined, videoId: string | undefined): string {
  const who = username || channel.username || "";
  if (who && videoId) return `https://www.tiktok.com/@${encodeURIComponent(who)}/video/${encodeURIComponent(videoId)}`;
  return who ? `https://www.tiktok.com/@${encodeURIComponent(who)}` : "https://www.tiktok.com/";
}
