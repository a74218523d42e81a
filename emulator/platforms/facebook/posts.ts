import { createHash } from "node:crypto";
import { fetchMedia, type MediaFetch } from "@/emulator/kit/fetch-media";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuResponse, type Route } from "@/emulator/types";
import { uploadedFile } from "./uploads";
import { badParam, fbError, isResponse, missingScope, pageCaller, paramsOf, PLATFORM, type Params } from "./graph";

// Page publishing as the Pages API and Video API describe it:
// - POST /{page-id}/feed: message, link, attached_media[n]={"media_fbid":…} (unpublished photos of
//   this Page, each attachable once); answers {"id":"{page-id}_{post-id}"}; GET lists the feed;
// - POST /{page-id}/photos: the photo by `url` (Facebook downloads it: the emulator does, and
//   refuses what does not come back as an image) or as multipart `source`; published=false keeps
//   it for attached_media; answers {id} or {id, post_id};
// - POST /{page-id}/videos (graph-video host): file_url (downloaded) or multipart `source`, description;
// - POST /{object-id}/comments: message and/or attachment_url; GET lists them.
// Every one needs a Page token of that Page whose user has the CREATE_CONTENT task.

const MAX_MESSAGE = 63_206;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff"];
const PHOTO_MAX = 10 * 1024 * 1024;
export const VIDEO_TYPES = ["video/mp4", "video/quicktime"];

export type Photo = { id: string; pageId: string; source: string; fetch?: MediaFetch; used: boolean };
const photosOf = new WeakMap<EmulatorState, Map<string, Photo>>();
export const photos = (s: EmulatorState) => {
  let m = photosOf.get(s);
  if (!m) photosOf.set(s, (m = new Map()));
  return m;
};

const store = (state: EmulatorState) => recorded(state, PLATFORM);
/** Graph ids are numeric strings (kept as strings: they exceed JavaScript's safe integers). */
export const numeric = (state: EmulatorState) => `1${state.nextId().replace(/\D/g, "").padStart(9, "0")}`;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The media of a photo or video call: downloaded from its URL, or the uploaded bytes. */
type Got = EmuResponse | { answer: EmuResponse; fetch: MediaFetch } | { source: string; fetch?: MediaFetch };

export async function mediaOf(p: Params, urlField: string, types: string[], maxBytes: number, what: string): Promise<Got> {
  const url = p.get(urlField);
  const file = p.file("source");
  if (url) {
    if (!/^https?:\/\//.test(url)) return badParam(`${urlField} should represent a valid URL`);
    const f = await fetchMedia(url);
    if (!f.ok || !types.includes(f.contentType))
      return {
        answer: fbError(
          400,
          324,
          `(#324) Missing or invalid ${what} file: could not fetch ${url} (${f.error ?? `HTTP ${f.status}, ${f.contentType || "no type"}`})`,
        ),
        fetch: f,
      };
    if (f.size > maxBytes) return fbError(400, 100, `(#100) The ${what} is larger than ${maxBytes} bytes`, { subcode: 1366046 });
    return { source: url, fetch: f };
  }
  if (file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!bytes.length) return fbError(400, 324, `(#324) Requires upload file`);
    if (!types.includes(file.type)) return fbError(400, 100, `(#100) The ${what} must be one of ${types.join(", ")}`, { subcode: 2069019 });
    if (bytes.length > maxBytes) return fbError(400, 100, `(#100) The ${what} is larger than ${maxBytes} bytes`, { subcode: 1366046 });
    return { source: `upload:${sha(bytes)}` };
  }
  return fbError(400, 324, "(#324) Requires upload file");
}

function messageProblem(message: string | undefined): EmuResponse | undefined {
  if (message !== undefined && [...message].length > MAX_MESSAGE) return badParam(`message is longer than ${MAX_MESSAGE} characters`);
  return undefined;
}

export function postRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "POST",
      path: "/:version/:page/feed",
      name: "post",
      async handle(req, { page }) {
        const p = await paramsOf(req);
        if (isResponse(p)) return p;
        const c = pageCaller(state, req, p, page!);
        if (isResponse(c)) return c;
        const lacking = missingScope(c, "pages_manage_posts", "pages_read_engagement");
        if (lacking) return lacking;
        const message = p.get("message");
        const tooLong = messageProblem(message);
        if (tooLong) return tooLong;
        const link = p.get("link");
        if (link && !/^https?:\/\//.test(link)) return badParam("link should represent a valid URL");
        const attached: Photo[] = [];
        for (let i = 0; p.has(`attached_media[${i}]`); i++) {
          let fbid: unknown;
          try {
            fbid = (JSON.parse(p.get(`attached_media[${i}]`) ?? "") as { media_fbid?: unknown }).media_fbid;
          } catch {
            return badParam(`attached_media[${i}] must be a JSON object with media_fbid`);
          }
          const photo = photos(state).get(String(fbid));
          if (!photo || photo.pageId !== page)
            return badParam(`attached_media[${i}]: media_fbid ${String(fbid)} is not an unpublished photo of this Page`);
          if (photo.used) return fbError(400, 100, "(#100) This photo has already been posted", { subcode: 1366051 });
          attached.push(photo);
        }
        if (link && attached.length) return badParam("A post cannot have both a link and attached_media");
        if (!message?.trim() && !link && !attached.length) return badParam("Missing message or attachment");
        // Meta refuses the same text posted again at once as a duplicate (error 506).
        const last = store(state).byAccount(page!).at(-1);
        if (message && !attached.length && last?.text === message && Date.now() - last.receivedAt < 60_000)
          return fbError(400, 506, "(#506) Duplicate status message");
        for (const ph of attached) ph.used = true;
        const id = `${page}_${numeric(state)}`;
        store(state).record({
          id,
          accountId: page!,
          text: message ?? "",
          media: attached.map((a) => a.source),
          extra: {
            kind: attached.length ? "photos" : link ? "link" : "status",
            link,
            mediaFetches: attached.flatMap((a) => (a.fetch ? [a.fetch] : [])),
          },
        });
        return json(200, { id });
      },
    },
    {
      method: "GET",
      path: "/:version/:page/feed",
      name: "feed",
      async handle(req, { page }) {
        const p = await paramsOf(req);
        if (isResponse(p)) return p;
        const c = pageCaller(state, req, p, page!, "ANALYZE");
        if (isResponse(c)) return c;
        const since = Number(req.query.get("since") ?? 0) * 1000;
        const limit = Math.min(Number(req.query.get("limit") ?? 25) || 25, 100);
        const posts = store(state)
          .byAccount(page!)
          .filter((x) => !x.replyTo && x.receivedAt >= since)
          .reverse()
          .slice(0, limit);
        return json(200, {
          data: posts.map((x) => ({
            id: x.id,
            ...(x.text ? { message: x.text } : {}),
            created_time: new Date(x.receivedAt).toISOString().replace(/\.\d{3}Z$/, "+0000"),
            permalink_url: `https://www.facebook.com/${x.id}`,
          })),
          paging: {},
        });
      },
    },
    {
      method: "POST",
      path: "/:version/:page/photos",
      name: "photos",
      async handle(req, { page }) {
        const p = await paramsOf(req);
        if (isResponse(p)) return p;
        const c = pageCaller(state, req, p, page!);
        if (isResponse(c)) return c;
        const lacking = missingScope(c, "pages_manage_posts", "pages_read_engagement");
        if (lacking) return lacking;
        const caption = p.get("caption") ?? p.get("message");
        const tooLong = messageProblem(caption);
        if (tooLong) return tooLong;
        const media = await mediaOf(p, "url", PHOTO_TYPES, PHOTO_MAX, "image");
        if ("status" in media) return media;
        if ("answer" in media) return media.answer;
        const id = numeric(state);
        const published = p.get("published") !== "false";
        photos(state).set(id, { id, pageId: page!, source: media.source, fetch: media.fetch, used: published });
        if (!published) return json(200, { id });
        const postId = `${page}_${id}`;
        store(state).record({
          id: postId,
          accountId: page!,
          text: caption ?? "",
          media: [media.source],
          extra: { kind: "photo", alt: p.get("alt_text_custom"), mediaFetches: media.fetch ? [media.fetch] : [] },
        });
        return json(200, { id, post_id: postId });
      },
    },
    {
      method: "POST",
      path: "/:version/:page/videos",
      name: "videos",
      async handle(req, { page }) {
        const p = await paramsOf(req);
        if (isResponse(p)) return p;
        const c = pageCaller(state, req, p, page!);
        if (isResponse(c)) return c;
        const lacking = missingScope(c, "pages_manage_posts", "pages_read_engagement");
        if (lacking) return lacking;
        const description = p.get("description");
        const tooLong = messageProblem(description);
        if (tooLong) return tooLong;
        // A Resumable Upload API handle (fbuploader_video_file_chunk), else file_url or source.
        const handle = p.get("fbuploader_video_file_chunk");
        const uploaded = handle ? uploadedFile(state, handle, c.user.id) : undefined;
        if (handle && !uploaded) return badParam("fbuploader_video_file_chunk is not the handle of a finished upload of this user");
        const media = uploaded
          ? { source: `upload:${uploaded.sha256}` }
          : await mediaOf(p, "file_url", VIDEO_TYPES, 1024 * 1024 * 1024, "video");
        if ("status" in media) return media;
        if ("answer" in media) return media.answer;
        const id = numeric(state);
        store(state).record({
          id,
          accountId: page!,
          text: description ?? "",
          media: [media.source],
          extra: {
            kind: "video",
            via: uploaded ? "resumable-upload" : p.get("file_url") ? "file_url" : "source",
            title: p.get("title"),
            mediaFetches: media.fetch ? [media.fetch] : [],
          },
        });
        return json(200, { id });
      },
    },
    {
      method: "POST",
      path: "/:version/:object/comments",
      name: "comment",
      async handle(req, { object }) {
        const p = await paramsOf(req);
        if (isResponse(p)) return p;
        const target = store(state).find(object!);
        if (!target)
          return fbError(400, 100, `(#100) Object with ID '${object}' does not exist`, { subcode: 33, type: "GraphMethodException" });
        const c = pageCaller(state, req, p, target.accountId);
        if (isResponse(c)) return c;
        const lacking = missingScope(c, "pages_manage_engagement");
        if (lacking) return lacking;
        const message = p.get("message");
        const tooLong = messageProblem(message);
        if (tooLong) return tooLong;
        const attachment = p.get("attachment_url");
        let fetches: MediaFetch[] = [];
        if (attachment) {
          const f = await fetchMedia(attachment);
          fetches = [f];
          if (!f.ok || !PHOTO_TYPES.includes(f.contentType))
            return fbError(400, 324, `(#324) Missing or invalid image file: could not fetch ${attachment}`);
        }
        if (!message?.trim() && !attachment) return badParam("Missing message or attachment");
        const id = `${object!.split("_").at(-1)}_${numeric(state)}`;
        store(state).record({
          id,
          accountId: target.accountId,
          text: message ?? "",
          media: attachment ? [attachment] : [],
          replyTo: object,
          extra: { kind: "comment", mediaFetches: fetches },
        });
        return json(200, { id });
      },
    },
    {
      method: "GET",
      path: "/:version/:object/comments",
      name: "comments",
      async handle(req, { object }) {
        const p = await paramsOf(req);
        if (isResponse(p)) return p;
        const target = store(state).find(object!);
        if (!target)
          return fbError(400, 100, `(#100) Object with ID '${object}' does not exist`, { subcode: 33, type: "GraphMethodException" });
        const c = pageCaller(state, req, p, target.accountId, "ANALYZE");
        if (isResponse(c)) return c;
        const list = store(state).repliesTo(object!);
        if (req.query.get("order") === "reverse_chronological") list.reverse();
        return json(200, {
          data: list.map((x) => ({
            id: x.id,
            message: x.text,
            created_time: new Date(x.receivedAt).toISOString().replace(/\.\d{3}Z$/, "+0000"),
          })),
          paging: {},
        });
      },
    },
  ];
}
