import { randomBytes } from "node:crypto";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { CATEGORIES, channelOf, googleError, PLATFORM, requireUser, SCOPE } from "./support";

// videos.insert through the resumable upload protocol, as Google documents it
// (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol, videos/insert):
// - POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status, the video resource as
//   JSON, X-Upload-Content-Length and X-Upload-Content-Type (video/* or application/octet-stream)
//   → 200 with the session URI in Location (the metadata is checked here: title, description,
//   tags, category, privacy, publishAt);
// - PUT <session> with Content-Range "bytes a-b/total": chunks other than the last must be
//   multiples of 256 KiB; → 308 Resume Incomplete with "Range: bytes=0-N" while bytes are missing,
//   200 with the video resource after the last one; the video exists only then;
// - PUT <session> with "Content-Range: bytes */total" and no body: where the session stands.
// The bytes are counted, never kept (a 2 GB upload must not fill the emulator's memory), and
// every byte a session received is counted, repeats included, so tests can see a restart from 0.

const KIB256 = 256 * 1024;
/** videos.insert's own daily bucket per project (determine_quota_cost): 100 calls. */
export const INSERTS_PER_DAY = 100;

export type UploadSession = {
  id: string;
  accountId: string;
  clientId: string;
  size: number;
  contentType: string;
  metadata: { snippet: Record<string, unknown>; status: Record<string, unknown> };
  notifySubscribers: boolean;
  /** Contiguous bytes stored so far (the next offset). */
  received: number;
  /** Every body byte PUT to the session, repeats included. */
  bytesReceived: number;
  chunks: number;
  /** The first bytes, for a sanity check of the container (ftyp, EBML). */
  head: Buffer;
  videoId?: string;
};

type Store = { sessions: Map<string, UploadSession>; insertsByClientDay: Map<string, number>; thumbnails: Map<string, number> };
const stores = new WeakMap<EmulatorState, Store>();
export function youtubeStore(state: EmulatorState): Store {
  let s = stores.get(state);
  if (!s) stores.set(state, (s = { sessions: new Map(), insertsByClientDay: new Map(), thumbnails: new Map() }));
  return s;
}

const pacificDay = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());

const bad = (reason: string, message: string) => googleError(400, reason, message);
const hasAngle = (s: string) => /[<>]/.test(s);
const tagsLength = (tags: string[]) => tags.reduce((n, t) => n + t.length + (/\s/.test(t) ? 2 : 0), 0) + Math.max(0, tags.length - 1);

/** The documented checks of a video resource's snippet and status; undefined when it is fine. */
function checkMetadata(body: Record<string, unknown>): EmuResponse | undefined {
  const snippet = (body.snippet ?? {}) as Record<string, unknown>;
  const status = (body.status ?? {}) as Record<string, unknown>;
  const title = snippet.title;
  if (typeof title !== "string" || !title.trim())
    return bad("invalidTitle", "The request metadata specifies an invalid or empty video title.");
  if ([...title].length > 100 || hasAngle(title)) return bad("invalidTitle", "The request metadata specifies an invalid video title.");
  const description = snippet.description ?? "";
  if (typeof description !== "string" || Buffer.byteLength(description) > 5000 || hasAngle(description))
    return bad("invalidDescription", "The request metadata specifies an invalid video description.");
  const tags = snippet.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== "string" || hasAngle(t)) || tagsLength(tags as string[]) > 500)
    return bad("invalidTags", "The request metadata specifies invalid video keywords.");
  if (snippet.categoryId !== undefined && !CATEGORIES.some((c) => c.id === snippet.categoryId && c.assignable))
    return bad("invalidCategoryId", "The snippet.categoryId property specifies an invalid category ID.");
  const privacy = status.privacyStatus;
  if (privacy !== undefined && !["public", "unlisted", "private"].includes(privacy as string))
    return bad("invalidVideoMetadata", "The request metadata is invalid: status.privacyStatus must be public, unlisted or private.");
  if (status.publishAt !== undefined) {
    const at = Date.parse(String(status.publishAt));
    if (privacy !== "private" || !Number.isFinite(at) || at <= Date.now())
      return bad("invalidPublishAt", "The request metadata specifies an invalid scheduled publishing time.");
  }
  if (status.selfDeclaredMadeForKids !== undefined && typeof status.selfDeclaredMadeForKids !== "boolean")
    return bad("invalidVideoMetadata", "The request metadata is invalid: status.selfDeclaredMadeForKids must be a boolean.");
  return undefined;
}

export function startRoute(state: EmulatorState): Route {
  return {
    method: "POST",
    path: "/upload/youtube/v3/videos",
    name: "insert",
    handle(req) {
      const who = requireUser(state, req, [SCOPE.upload, SCOPE.full, SCOPE.forceSsl]);
      if ("status" in who) return who;
      if (req.query.get("uploadType") !== "resumable")
        return bad("invalidParameter", "This emulator implements uploadType=resumable only (the protocol for large files).");
      const parts = (req.query.get("part") ?? "").split(",");
      if (!parts.includes("snippet") || !parts.includes("status"))
        return bad("invalidPart", "The part parameter must name the parts the request body sets (snippet,status).");
      if (!(req.headers["content-type"] ?? "").startsWith("application/json"))
        return bad("invalidParameter", "The video resource must be sent as application/json.");
      const size = Number(req.headers["x-upload-content-length"]);
      if (!Number.isSafeInteger(size) || size <= 0)
        return bad("mediaBodyRequired", "X-Upload-Content-Length must give the video's size in bytes.");
      if (size > 256 * 1024 ** 3) return bad("invalidVideoMetadata", "The video is larger than 256 GB.");
      const type = req.headers["x-upload-content-type"] ?? "";
      if (!type.startsWith("video/") && type !== "application/octet-stream")
        return bad("invalidParameter", "X-Upload-Content-Type must be video/* or application/octet-stream.");
      let body: Record<string, unknown>;
      try {
        body = req.json();
      } catch {
        return bad("parseError", "The request body is not JSON.");
      }
      const refused = checkMetadata(body);
      if (refused) return refused;
      const store = youtubeStore(state);
      const dayKey = `${who.grant.clientId}/${pacificDay()}`;
      const used = store.insertsByClientDay.get(dayKey) ?? 0;
      store.insertsByClientDay.set(dayKey, used + 1);
      if (used >= INSERTS_PER_DAY)
        return googleError(403, "quotaExceeded", "The request cannot be completed because you have exceeded your quota.", "youtube.quota");
      const id = randomBytes(12).toString("base64url");
      store.sessions.set(id, {
        id,
        accountId: who.acc.id,
        clientId: who.grant.clientId,
        size,
        contentType: type,
        metadata: body as UploadSession["metadata"],
        notifySubscribers: req.query.get("notifySubscribers") !== "false",
        received: 0,
        bytesReceived: 0,
        chunks: 0,
        head: Buffer.alloc(0),
      });
      const location = `${req.base}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}`;
      return { status: 200, headers: { location, "content-length": "0" }, body: "" };
    },
  };
}

function videoResource(s: UploadSession) {
  return {
    kind: "youtube#video",
    id: s.videoId!,
    snippet: { ...s.metadata.snippet },
    status: { uploadStatus: "uploaded", privacyStatus: "public", ...s.metadata.status },
  };
}

const incomplete = (s: UploadSession): EmuResponse => ({
  status: 308,
  headers: { ...(s.received > 0 ? { range: `bytes=0-${s.received - 1}` } : {}), "content-length": "0" },
  body: "",
});

/** PUT <session>: a chunk, or (bytes *\/total) the status query. */
export function chunkRoute(state: EmulatorState): Route {
  return {
    method: "PUT",
    path: "/upload/youtube/v3/videos",
    name: "upload",
    handle(req) {
      const s = youtubeStore(state).sessions.get(req.query.get("upload_id") ?? "");
      if (!s) return googleError(404, "notFound", "The upload session does not exist or has expired.", "global");
      const who = requireUser(state, req, [SCOPE.upload, SCOPE.full, SCOPE.forceSsl]);
      if ("status" in who) return who;
      if (who.acc.id !== s.accountId) return googleError(403, "forbidden", "The upload session belongs to another account.");
      const range = req.headers["content-range"] ?? "";
      const probe = /^bytes \*\/(\d+)$/.exec(range);
      if (probe) {
        if (Number(probe[1]) !== s.size) return bad("invalidParameter", "Content-Range total does not match X-Upload-Content-Length.");
        return s.videoId ? json(200, videoResource(s)) : incomplete(s);
      }
      const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
      if (!m) return bad("invalidParameter", "Content-Range must be 'bytes first-last/total' or 'bytes */total'.");
      const [first, last, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (total !== s.size) return bad("invalidParameter", "Content-Range total does not match X-Upload-Content-Length.");
      if (last < first || last >= total) return bad("invalidParameter", "Content-Range is outside the file.");
      if (req.body.length !== last - first + 1) return bad("invalidParameter", "The body length does not match Content-Range.");
      const final = last + 1 === total;
      if (!final && req.body.length % KIB256 !== 0)
        return bad("invalidParameter", "Every chunk but the last must be a multiple of 256 KiB (262,144 bytes).");
      s.bytesReceived += req.body.length;
      s.chunks += 1;
      if (s.videoId) return json(200, videoResource(s));
      // A chunk past what arrived leaves a hole: the server keeps what it has and says so.
      if (first > s.received) return incomplete(s);
      if (first === 0 && s.head.length === 0) s.head = Buffer.from(req.body.subarray(0, 16));
      s.received = Math.max(s.received, last + 1);
      if (s.received < s.size) return incomplete(s);
      s.videoId = randomBytes(8).toString("base64url").replace(/[^\w]/g, "x").slice(0, 11);
      const snippet = s.metadata.snippet;
      recorded(state, PLATFORM).record({
        id: s.videoId,
        accountId: s.accountId,
        text: String(snippet.description ?? ""),
        media: [s.videoId],
        extra: {
          title: snippet.title,
          tags: snippet.tags,
          categoryId: snippet.categoryId,
          status: s.metadata.status,
          notifySubscribers: s.notifySubscribers,
          size: s.size,
          bytesReceived: s.bytesReceived,
          session: s.id,
          container: containerOf(s.head),
          channelId: channelOf(state.getAccount(PLATFORM, s.accountId)!).id,
        },
      });
      state.media.set(s.videoId, { platform: PLATFORM, accountId: s.accountId, mimeType: s.contentType, size: s.size });
      return json(200, videoResource(s));
    },
  };
}

/** What the first bytes say the file is: YouTube processes (and may later fail) anything uploaded. */
function containerOf(head: Buffer): string {
  if (head.subarray(4, 8).toString("latin1") === "ftyp") return "iso-bmff";
  if (head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return "ebml";
  return "unknown";
}

/** POST /upload/youtube/v3/thumbnails/set?videoId=…: JPEG or PNG up to 2 MB. */
export function thumbnailRoute(state: EmulatorState): Route {
  return {
    method: "POST",
    path: "/upload/youtube/v3/thumbnails/set",
    name: "thumbnail",
    handle(req: EmuRequest) {
      const who = requireUser(state, req, [SCOPE.upload, SCOPE.full, SCOPE.forceSsl]);
      if ("status" in who) return who;
      const videoId = req.query.get("videoId") ?? "";
      const video = state.media.get(videoId);
      if (!video || video.platform !== PLATFORM)
        return googleError(404, "videoNotFound", "The video that you are trying to update cannot be found.");
      if (video.accountId !== who.acc.id) return googleError(403, "forbidden", "The thumbnail can't be set for the specified video.");
      const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
      if (!["image/jpeg", "image/png"].includes(type)) return bad("invalidImage", "The provided image content is invalid.");
      if (req.body.length === 0) return bad("mediaBodyRequired", "The request does not include the image content.");
      if (req.body.length > 2 * 1024 * 1024) return googleError(413, "mediaBodyTooLarge", "The image is larger than 2 MB.");
      youtubeStore(state).thumbnails.set(videoId, req.body.length);
      return json(200, {
        kind: "youtube#thumbnailSetResponse",
        items: [{ default: { url: `${req.base}/vi/${videoId}/default.jpg`, width: 120, height: 90 } }],
      });
    },
  };
}
