import { createHash } from "node:crypto";
import { fetchMedia, type MediaFetch } from "@/emulator/kit/fetch-media";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuResponse, type Route } from "@/emulator/types";
import { badParam, caller, fbError, isResponse, missingScope, pageCaller, paramsOf, PLATFORM } from "./graph";
import { numeric, photos, VIDEO_TYPES } from "./posts";

// Reels and Stories as the Reels Publishing API and Page Stories docs describe them:
// POST /{page-id}/video_reels (or /video_stories) with upload_phase=start → {video_id, upload_url};
// POST rupload.facebook.com/video-upload/<ver>/{video_id} with "Authorization: OAuth <Page token>"
// and either a file_url header (fetched) or the bytes with offset and file_size headers →
// {"success":true}; upload_phase=finish with video_id (and video_state=PUBLISHED for a Reel) →
// {"success":true} (a Story also answers post_id). POST /{page-id}/photo_stories with photo_id, an
// unpublished photo of the Page → {"success":true,"post_id"}. The upload host's errors are its own
// shape: {"debug_info":{"retriable","type","message"}}.

type Session = { videoId: string; pageId: string; edge: string; source?: string; fetch?: MediaFetch; published: boolean };
const sessionsOf = new WeakMap<EmulatorState, Map<string, Session>>();
const sessions = (s: EmulatorState) => {
  let m = sessionsOf.get(s);
  if (!m) sessionsOf.set(s, (m = new Map()));
  return m;
};

const ruploadError = (status: number, type: string, message: string, retriable = false): EmuResponse =>
  json(status, { debug_info: { retriable, type, message } });

function videoEdge(state: EmulatorState, edge: "video_reels" | "video_stories"): Route {
  return {
    method: "POST",
    path: `/:version/:page/${edge}`,
    name: edge === "video_reels" ? "reels" : "stories",
    async handle(req, { version, page }) {
      const p = await paramsOf(req);
      if (isResponse(p)) return p;
      const c = pageCaller(state, req, p, page!);
      if (isResponse(c)) return c;
      const lacking = missingScope(c, "pages_manage_posts", "pages_read_engagement");
      if (lacking) return lacking;
      const phase = p.get("upload_phase");
      if (phase === "start") {
        const videoId = numeric(state);
        sessions(state).set(videoId, { videoId, pageId: page!, edge, published: false });
        return json(200, { video_id: videoId, upload_url: `${req.base}/video-upload/${version}/${videoId}` });
      }
      if (phase !== "finish") return badParam("upload_phase must be one of start, finish");
      const s = sessions(state).get(p.get("video_id") ?? "");
      if (!s || s.pageId !== page || s.edge !== edge)
        return badParam(`video_id ${p.get("video_id") ?? "(missing)"} is not an upload session of this Page`);
      if (!s.source)
        return fbError(400, 6000, "There was a problem uploading your video file: the upload is not complete.", { subcode: 1363019 });
      if (s.published) return fbError(400, 100, "(#100) This video has already been published");
      if (edge === "video_reels") {
        const st = p.get("video_state");
        if (!st) return badParam("video_state is required to finish a Reel (PUBLISHED, DRAFT or SCHEDULED)");
        if (!["PUBLISHED", "DRAFT", "SCHEDULED"].includes(st)) return badParam("video_state must be one of PUBLISHED, DRAFT, SCHEDULED");
        if (st !== "PUBLISHED") return json(200, { success: true });
      }
      s.published = true;
      const postId = edge === "video_stories" ? `${page}_${numeric(state)}` : s.videoId;
      recorded(state, PLATFORM).record({
        id: postId,
        accountId: page!,
        text: p.get("description") ?? "",
        media: [s.source],
        extra: { kind: edge === "video_reels" ? "reel" : "video_story", videoId: s.videoId, mediaFetches: s.fetch ? [s.fetch] : [] },
      });
      return json(200, edge === "video_stories" ? { success: true, post_id: postId } : { success: true });
    },
  };
}

export function storyRoutes(state: EmulatorState): Route[] {
  return [
    videoEdge(state, "video_reels"),
    videoEdge(state, "video_stories"),
    {
      method: "POST",
      path: "/video-upload/:version/:videoId",
      name: "rupload",
      async handle(req, { videoId }) {
        const s = sessions(state).get(videoId!);
        if (!s) return ruploadError(400, "NotFoundError", `No upload session ${videoId}`);
        const m = /^OAuth\s+(.+)$/.exec(req.headers.authorization ?? "");
        if (!m) return ruploadError(401, "AuthorizationError", "Authorization: OAuth <Page access token> is required");
        const c = caller(state, { ...req, headers: { authorization: `OAuth ${m[1]}` } });
        if (isResponse(c) || c.kind !== "page" || c.pageId !== s.pageId)
          return ruploadError(401, "AuthorizationError", "Invalid OAuth access token for this upload session");
        const fileUrl = req.headers["file_url"];
        if (fileUrl) {
          const f = await fetchMedia(fileUrl);
          s.fetch = f;
          if (!f.ok || !VIDEO_TYPES.includes(f.contentType))
            return ruploadError(400, "ProcessingFailedError", `Could not fetch a video from file_url (${f.error ?? `HTTP ${f.status}`})`);
          s.source = fileUrl;
          return json(200, { success: true });
        }
        const offset = req.headers["offset"];
        const size = Number(req.headers["file_size"]);
        if (offset === undefined || !Number.isInteger(size) || size <= 0)
          return ruploadError(400, "InvalidRequestError", "Send file_url, or the bytes with the offset and file_size headers");
        if (Number(offset) !== 0)
          return ruploadError(400, "InvalidOffsetError", "offset must be where the upload stands (0 for a new session)");
        if (req.body.length !== size)
          return ruploadError(400, "InvalidRequestError", `file_size is ${size} but ${req.body.length} bytes were sent`);
        s.source = `upload:${createHash("sha256").update(req.body).digest("hex")}`;
        return json(200, { success: true });
      },
    },
    {
      method: "POST",
      path: "/:version/:page/photo_stories",
      name: "photo_stories",
      async handle(req, { page }) {
        const p = await paramsOf(req);
        if (isResponse(p)) return p;
        const c = pageCaller(state, req, p, page!);
        if (isResponse(c)) return c;
        const lacking = missingScope(c, "pages_manage_posts", "pages_read_engagement");
        if (lacking) return lacking;
        const photo = photos(state).get(p.get("photo_id") ?? "");
        if (!photo || photo.pageId !== page)
          return badParam(`photo_id ${p.get("photo_id") ?? "(missing)"} is not an unpublished photo of this Page`);
        if (photo.used) return fbError(400, 100, "(#100) This photo has already been posted", { subcode: 1366051 });
        photo.used = true;
        const postId = `${page}_${numeric(state)}`;
        recorded(state, PLATFORM).record({
          id: postId,
          accountId: page!,
          text: "",
          media: [photo.source],
          extra: { kind: "photo_story", mediaFetches: photo.fetch ? [photo.fetch] : [] },
        });
        return json(200, { success: true, post_id: postId });
      },
    },
  ];
}
