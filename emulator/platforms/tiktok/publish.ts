import { randomBytes } from "node:crypto";
import { fetchMedia, type MediaFetch } from "@/emulator/kit/fetch-media";
import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import type { EmuResponse, Route } from "@/emulator/types";
import { chunkProblem, verifiedProperty, verifiedUrl, photoFailure } from "./media-rules";
import { apiError, grantOf, invalidParams, isAnswer, jsonBody, ok, PLATFORM } from "./support";

// The Content Posting API (developers.tiktok.com: content-posting-api-reference-query-creator-info,
// -direct-post, -upload-video, -photo-post, -get-video-status, content-posting-api-media-transfer-guide;
// ../shared/platforms/tiktok.md §2–§3): creator_info; video init (direct post with post_info, or
// inbox with source_info only) by FILE_UPLOAD with TikTok's chunk arithmetic checked exactly;
// chunks PUT to upload_url in order with an exact Content-Range; status moving
// PROCESSING_UPLOAD → PROCESSING_DOWNLOAD → PUBLISH_COMPLETE (or SEND_TO_USER_INBOX); the video list
// and query. Photos (content/init) go by PULL_FROM_URL only, from a URL prefix or domain verified
// for the app (else url_ownership_unverified), and are downloaded as TikTok does; a video by
// PULL_FROM_URL is refused as unverified (this emulator takes videos by FILE_UPLOAD).

const MB = 1024 * 1024;
const PRIVACY = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"];
/** Every emulated creator: a public account with Stitch turned off, to show a toggle the creator disabled. */
const CREATOR = { comment_disabled: false, duet_disabled: false, stitch_disabled: true, max_video_post_duration_sec: 600 };

type Upload = {
  publishId: string;
  postId: string;
  accountId: string;
  inbox: boolean;
  mimeType?: string;
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
  received: number;
  chunks: number;
  completedAt?: number;
  statusReads: number;
  visible: boolean;
  /** A photo post whose download or check failed: its fail_reason. */
  failReason?: string;
};

const utf16 = (s: string) => s.length;
const IDS = "__publicaly_available_post_id__";

export function publishRoutes(state: EmulatorState): Route[] {
  const uploads = new Map<string, Upload>(); // by publish id
  const byUploadId = new Map<string, Upload>();
  const posts = recorded(state, PLATFORM);
  const needs = (scope: string) => (held: readonly string[]) => held.includes(scope);

  const init =
    (inbox: boolean) =>
    (req: Parameters<Route["handle"]>[0]): EmuResponse => {
      const grant = grantOf(state, req, needs(inbox ? "video.upload" : "video.publish"));
      if (isAnswer(grant)) return grant;
      const body = jsonBody(req);
      if (isAnswer(body)) return body;
      const source = (body.source_info ?? undefined) as Record<string, unknown> | undefined;
      if (!source || typeof source !== "object") return invalidParams("source_info is required");
      let text = "";
      let visible = !inbox;
      let extra: Record<string, unknown> = {};
      if (!inbox) {
        const info = body.post_info as Record<string, unknown> | undefined;
        if (!info || typeof info !== "object") return invalidParams("post_info is required");
        const privacy = info.privacy_level;
        if (typeof privacy !== "string" || !privacy) return invalidParams("post_info.privacy_level is required");
        if (!PRIVACY.includes(privacy))
          return apiError(400, "privacy_level_option_mismatch", "privacy_level is not one of the creator's privacy_level_options");
        const title = info.title ?? "";
        if (typeof title !== "string") return invalidParams("post_info.title must be a string");
        if (utf16(title) > 2200) return invalidParams("post_info.title must be at most 2200 UTF-16 runes");
        for (const k of ["disable_duet", "disable_comment", "disable_stitch", "brand_content_toggle", "brand_organic_toggle", "is_aigc"])
          if (info[k] !== undefined && typeof info[k] !== "boolean") return invalidParams(`post_info.${k} must be a boolean`);
        if (typeof info.brand_content_toggle !== "boolean" || typeof info.brand_organic_toggle !== "boolean")
          return invalidParams("post_info.brand_content_toggle and brand_organic_toggle are required");
        if (CREATOR.stitch_disabled && info.disable_stitch !== true)
          return invalidParams("disable_stitch must be true: the creator has Stitch turned off");
        if (info.brand_content_toggle && privacy === "SELF_ONLY")
          return invalidParams("Branded content cannot be posted with privacy SELF_ONLY");
        text = title;
        visible = privacy !== "SELF_ONLY";
        extra = {
          privacy_level: privacy,
          disable_comment: info.disable_comment,
          disable_duet: info.disable_duet,
          disable_stitch: info.disable_stitch,
          brand_content_toggle: info.brand_content_toggle,
          brand_organic_toggle: info.brand_organic_toggle,
          is_aigc: info.is_aigc,
        };
      }
      if (source.source === "PULL_FROM_URL")
        return apiError(403, "url_ownership_unverified", "The domain or URL prefix of video_url is not verified for this app.");
      if (source.source !== "FILE_UPLOAD") return invalidParams("source_info.source must be FILE_UPLOAD or PULL_FROM_URL");
      const problem = chunkProblem(source.video_size, source.chunk_size, source.total_chunk_count);
      if (problem) return invalidParams(problem);
      if ((source.video_size as number) > 4 * 1024 * MB) return invalidParams("video_size is over 4 GB");
      const publishId = `v_${inbox ? "inbox" : "pub"}_file~v2-1.${state.nextId()}`;
      const uploadId = randomBytes(12).toString("hex");
      // The publish exists from here: a lost answer cannot undo it.
      const post = posts.record({
        accountId: grant.accountId,
        text,
        media: [],
        extra: { ...extra, publishId, inbox, status: "PROCESSING_UPLOAD", visible },
      });
      const u: Upload = {
        publishId,
        postId: post.id,
        accountId: grant.accountId,
        inbox,
        videoSize: source.video_size as number,
        chunkSize: source.chunk_size as number,
        totalChunkCount: source.total_chunk_count as number,
        received: 0,
        chunks: 0,
        statusReads: 0,
        visible,
      };
      uploads.set(publishId, u);
      byUploadId.set(uploadId, u);
      return ok({ publish_id: publishId, upload_url: `${req.base}/upload/?upload_id=${uploadId}` });
    };

  const statusOf = (u: Upload, post: RecordedPost | undefined) => {
    if (!u.completedAt) return { status: "PROCESSING_UPLOAD", uploaded_bytes: u.received };
    u.statusReads++;
    const done = u.statusReads >= 2;
    const status = !done ? "PROCESSING_DOWNLOAD" : u.failReason ? "FAILED" : u.inbox ? "SEND_TO_USER_INBOX" : "PUBLISH_COMPLETE";
    if (post?.extra) post.extra.status = status;
    return {
      status,
      ...(status === "FAILED" ? { fail_reason: u.failReason } : {}),
      uploaded_bytes: u.videoSize,
      // Only public posts get an id, after moderation (here: at once).
      ...(status === "PUBLISH_COMPLETE" ? { publicaly_available_post_id: u.visible ? [IDS] : [] } : {}),
    };
  };
  /** The status answer with the post ids written as TikTok writes them: bare int64 numbers, past 2^53. */
  const statusAnswer = (data: Record<string, unknown>, u: Upload): EmuResponse => {
    const text = JSON.stringify((ok(data).body as object) ?? {}).replace(`"${IDS}"`, u.postId);
    return { status: 200, headers: { "content-type": "application/json" }, body: text };
  };

  const videoOf = (p: RecordedPost, fields: string[], base: string) => {
    const acc = state.getAccount(PLATFORM, p.accountId);
    const all: Record<string, unknown> = {
      id: p.id,
      title: p.text,
      video_description: p.text,
      create_time: Math.floor(p.receivedAt / 1000),
      cover_image_url: `${base}/cover/${p.id}.jpeg`,
      share_url: `https://www.tiktok.com/@${acc?.username ?? "user"}/video/${p.id}`,
      duration: 15,
      view_count: postCounter(p.id, "views", p.receivedAt),
      like_count: postCounter(p.id, "likes", p.receivedAt),
      comment_count: postCounter(p.id, "comments", p.receivedAt),
      share_count: postCounter(p.id, "shares", p.receivedAt),
    };
    return Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]]));
  };
  const fieldsOf = (q: URLSearchParams) =>
    (q.get("fields") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const published = (accountId: string) =>
    posts.byAccount(accountId).filter((p) => p.extra?.visible === true && p.extra?.status === "PUBLISH_COMPLETE");

  return [
    {
      method: "POST",
      path: "/v2/post/publish/creator_info/query/",
      name: "creator-info",
      handle(req) {
        const grant = grantOf(state, req, (held) => held.includes("video.publish") || held.includes("video.upload"));
        if (isAnswer(grant)) return grant;
        const acc = state.getAccount(PLATFORM, grant.accountId)!;
        return ok({
          creator_avatar_url: `${req.base}/avatar/${acc.id}.jpeg`,
          creator_username: acc.username,
          creator_nickname: acc.name,
          privacy_level_options: PRIVACY,
          ...CREATOR,
        });
      },
    },
    { method: "POST", path: "/v2/post/publish/video/init/", name: "post", handle: init(false) },
    { method: "POST", path: "/v2/post/publish/inbox/video/init/", name: "inbox", handle: init(true) },
    {
      method: "POST",
      path: "/v2/post/publish/content/init/",
      name: "photo",
      async handle(req) {
        const body = jsonBody(req);
        if (isAnswer(body)) return body;
        const inbox = body.post_mode === "MEDIA_UPLOAD";
        if (!inbox && body.post_mode !== "DIRECT_POST") return invalidParams("post_mode must be DIRECT_POST or MEDIA_UPLOAD");
        const grant = grantOf(state, req, needs(inbox ? "video.upload" : "video.publish"));
        if (isAnswer(grant)) return grant;
        if (body.media_type !== "PHOTO") return invalidParams("media_type must be PHOTO");
        const info = body.post_info as Record<string, unknown> | undefined;
        if (!info || typeof info !== "object") return invalidParams("post_info is required");
        const title = info.title ?? "";
        const description = info.description ?? "";
        if (typeof title !== "string" || utf16(title) > 90)
          return invalidParams("post_info.title must be a string of at most 90 UTF-16 runes");
        if (typeof description !== "string" || utf16(description) > 4000)
          return invalidParams("post_info.description must be a string of at most 4000 UTF-16 runes");
        for (const k of ["disable_comment", "auto_add_music", "brand_content_toggle", "brand_organic_toggle"])
          if (info[k] !== undefined && typeof info[k] !== "boolean") return invalidParams(`post_info.${k} must be a boolean`);
        const privacy = info.privacy_level;
        if (!inbox) {
          if (typeof privacy !== "string" || !privacy) return invalidParams("post_info.privacy_level is required for DIRECT_POST");
          if (!PRIVACY.includes(privacy))
            return apiError(400, "privacy_level_option_mismatch", "privacy_level is not one of the creator's privacy_level_options");
          if (info.brand_content_toggle === true && privacy === "SELF_ONLY")
            return invalidParams("Branded content cannot be posted with privacy SELF_ONLY");
        }
        const source = body.source_info as Record<string, unknown> | undefined;
        if (!source || typeof source !== "object") return invalidParams("source_info is required");
        if (source.source !== "PULL_FROM_URL") return invalidParams("source_info.source must be PULL_FROM_URL for photos");
        const images = source.photo_images;
        if (
          !Array.isArray(images) ||
          !images.length ||
          images.length > 35 ||
          !images.every((u) => typeof u === "string" && /^https?:\/\/\S+$/i.test(u))
        )
          return invalidParams("source_info.photo_images must list 1 to 35 http(s) URLs");
        const cover = source.photo_cover_index;
        if (typeof cover !== "number" || !Number.isInteger(cover) || cover < 0 || cover >= images.length)
          return invalidParams("source_info.photo_cover_index must be the index of one of photo_images");
        const property = verifiedProperty();
        if (!(images as string[]).every((u) => verifiedUrl(u, property)))
          return apiError(403, "url_ownership_unverified", "The domain or URL prefix of photo_images is not verified for this app.");
        // TikTok downloads each photo (PROCESSING_DOWNLOAD); one it cannot use fails the publish.
        const mediaFetches: MediaFetch[] = [];
        for (const u of images as string[]) mediaFetches.push(await fetchMedia(u));
        const failReason = mediaFetches.map(photoFailure).find(Boolean);
        const publishId = `p_${inbox ? "inbox" : "pub"}_url~v2-1.${state.nextId()}`;
        const visible = !inbox && privacy !== "SELF_ONLY";
        const post = posts.record({
          accountId: grant.accountId,
          text: description,
          media: images as string[],
          extra: {
            publishId,
            inbox,
            kind: "photo",
            status: "PROCESSING_DOWNLOAD",
            visible,
            title,
            privacy_level: privacy,
            photo_cover_index: cover,
            disable_comment: info.disable_comment,
            brand_content_toggle: info.brand_content_toggle,
            brand_organic_toggle: info.brand_organic_toggle,
            mediaFetches,
          },
        });
        const size = mediaFetches.reduce((n, f) => n + f.size, 0);
        uploads.set(publishId, {
          publishId,
          postId: post.id,
          accountId: grant.accountId,
          inbox,
          videoSize: size,
          chunkSize: size,
          totalChunkCount: 1,
          received: size,
          chunks: 1,
          completedAt: Date.now(),
          statusReads: 0,
          visible,
          failReason,
        });
        return ok({ publish_id: publishId });
      },
    },
    {
      method: "PUT",
      path: "/upload/",
      name: "upload",
      handle(req) {
        const u = byUploadId.get(req.query.get("upload_id") ?? "");
        if (!u) return { status: 404, body: { error: "upload_url is invalid or expired" } };
        const type = (req.headers["content-type"] ?? "").toLowerCase();
        if (!["video/mp4", "video/quicktime", "video/webm"].includes(type.split(";")[0]!.trim()))
          return { status: 400, body: { error: "Content-Type must be video/mp4, video/quicktime or video/webm" } };
        const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers["content-range"] ?? "");
        if (!m) return { status: 400, body: { error: "Content-Range must be bytes {first}-{last}/{total}" } };
        const [first, last, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (total !== u.videoSize) return { status: 400, body: { error: `Content-Range total must be video_size ${u.videoSize}` } };
        if (u.completedAt) return { status: 416, body: { error: "The video is already uploaded" } };
        if (first !== u.received)
          return { status: 416, body: { error: `Chunks must be sent in order: expected the range to start at ${u.received}` } };
        const isLast = u.chunks === u.totalChunkCount - 1;
        const expectedEnd = isLast ? u.videoSize - 1 : first + u.chunkSize - 1;
        if (last !== expectedEnd) return { status: 416, body: { error: `This chunk must end at byte ${expectedEnd}` } };
        if (req.body.length !== last - first + 1) return { status: 400, body: { error: "Content-Length does not match Content-Range" } };
        u.received += req.body.length;
        u.chunks++;
        u.mimeType = type;
        if (!isLast) return { status: 206, body: "" };
        u.completedAt = Date.now();
        const post = posts.find(u.postId);
        if (post) post.media = [`video:${u.videoSize}:${type}`];
        return { status: 201, body: "" };
      },
    },
    {
      method: "POST",
      path: "/v2/post/publish/status/fetch/",
      name: "status",
      handle(req) {
        const grant = grantOf(state, req, (held) => held.includes("video.publish") || held.includes("video.upload"));
        if (isAnswer(grant)) return grant;
        const body = jsonBody(req);
        if (isAnswer(body)) return body;
        const u = typeof body.publish_id === "string" ? uploads.get(body.publish_id) : undefined;
        if (!u || u.accountId !== grant.accountId) return invalidParams("publish_id is invalid");
        return statusAnswer(statusOf(u, posts.find(u.postId)), u);
      },
    },
    {
      method: "POST",
      path: "/v2/video/list/",
      name: "video-list",
      handle(req) {
        const grant = grantOf(state, req, needs("video.list"));
        if (isAnswer(grant)) return grant;
        const body = jsonBody(req);
        if (isAnswer(body)) return body;
        const max = body.max_count ?? 20;
        if (typeof max !== "number" || max < 1 || max > 20) return invalidParams("max_count must be between 1 and 20");
        const all = published(grant.accountId).sort((a, b) => b.receivedAt - a.receivedAt);
        const cursor = typeof body.cursor === "number" ? body.cursor : Date.now();
        const page = all.filter((p) => p.receivedAt < cursor).slice(0, max);
        const fields = fieldsOf(req.query);
        return ok({
          videos: page.map((p) => videoOf(p, fields, req.base)),
          cursor: page.at(-1)?.receivedAt ?? 0,
          has_more: all.filter((p) => p.receivedAt < cursor).length > page.length,
        });
      },
    },
    {
      method: "POST",
      path: "/v2/video/query/",
      name: "video-query",
      handle(req) {
        const grant = grantOf(state, req, needs("video.list"));
        if (isAnswer(grant)) return grant;
        const body = jsonBody(req);
        if (isAnswer(body)) return body;
        const ids = (body.filters as { video_ids?: unknown } | undefined)?.video_ids;
        if (!Array.isArray(ids) || !ids.length || ids.length > 20 || ids.some((i) => typeof i !== "string"))
          return invalidParams("filters.video_ids must list 1 to 20 video ids (strings)");
        const fields = fieldsOf(req.query);
        const mine = published(grant.accountId).filter((p) => ids.includes(p.id));
        return ok({ videos: mine.map((p) => videoOf(p, fields, req.base)), cursor: 0, has_more: false });
      },
    },
  ];
}
