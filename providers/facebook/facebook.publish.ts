import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { MediaItem, PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { graphUrl, postLink, videoUrl } from "./facebook.api";
import { resumableUpload } from "./facebook.upload";

// Publishing as a Page with its Page token (../shared/platforms/facebook.md §2; Pages API "Posts",
// Page Photos reference, Video API "Publish a video"):
// - text or link: POST /{page-id}/feed with message (and link);
// - one photo: POST /{page-id}/photos with caption, the photo as `url` or multipart `source`;
// - several photos: each POST /{page-id}/photos with published=false, then POST /{page-id}/feed
//   with attached_media[n]={"media_fbid":<photo id>};
// - a video: POST graph-video.facebook.com/{page-id}/videos with description and `file_url`, or the
//   handle of a Resumable Upload API session (facebook.upload.ts) as fbuploader_video_file_chunk;
// - a comment: POST /{object-id}/comments with message (and attachment_url for a photo).
// Media goes by URL when it has a public one (a link attachment, or this server's signed URL), as
// Facebook fetches it itself; otherwise its bytes are uploaded in the request.

const idAnswer = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String), post_id: z.string().optional() });

const EXT: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
};

/** The public address Facebook may fetch `m` from, or undefined when there is none (upload the bytes then). */
async function publicAddress(m: MediaItem, ctx?: PublishContext): Promise<string | undefined> {
  if (m.url) return m.url;
  if (!ctx?.publicMediaUrl) return undefined;
  // No public address on this server (a LAN APP_URL, no object store): the bytes are uploaded instead.
  return ctx.publicMediaUrl(m).catch(() => undefined);
}

/** A form with the media either by URL (`urlField`) or as bytes (multipart `source`). */
async function mediaForm(
  fields: Record<string, string>,
  m: MediaItem,
  urlField: string,
  n: number,
  ctx?: PublishContext,
): Promise<FormData | URLSearchParams> {
  const url = await publicAddress(m, ctx);
  if (url) return new URLSearchParams({ ...fields, [urlField]: url });
  if (!m.bytes)
    throw new ProviderError("bad-body", `Attachment ${n} has neither a public address nor file content to send to Facebook`, {
      mayHavePublished: false,
    });
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("source", new Blob([m.bytes.slice()], { type: m.mimeType }), `media-${n}.${EXT[m.mimeType] ?? "bin"}`);
  return form;
}

/** A Page call: the Page token for the Page's edges; the user's, when the channel keeps it, for the app's upload sessions. */
type Call = { api: SocialAbstract; pageId: string; token: string; userToken?: string; ctx?: PublishContext };

async function create(c: Call, url: string, body: FormData | URLSearchParams, action: string, idempotent = false) {
  const parsed = idAnswer.safeParse(
    await c.api.fetchJson(
      url,
      { method: "POST", body },
      { action, token: c.token, ctx: c.ctx, idempotent, ...(idempotent ? { maxRetries: 1 } : {}) },
    ),
  );
  if (!parsed.success)
    throw new ProviderError("retry", `Facebook did not return an id after trying to ${action}`, { mayHavePublished: !idempotent });
  return parsed.data;
}

const page = (c: Call, edge: string) => graphUrl(`/${encodeURIComponent(c.pageId)}/${edge}`);

export async function publishToPage(c: Call, item: PostItem, link: string | undefined): Promise<PublishedItem> {
  const message = item.text.trim();
  const media = item.media ?? [];
  if (link && media.length)
    throw new ProviderError("bad-body", "Facebook takes a link only on a text post: remove the link setting or the media", {
      mayHavePublished: false,
    });
  const warnings: string[] = [];
  const videos = media.filter((m) => m.mimeType.startsWith("video/"));
  if (videos.length) {
    if (media.length > 1) throw new ProviderError("bad-body", "A Facebook post takes one video, on its own", { mayHavePublished: false });
    const v = videos[0]!;
    // By URL when there is a public one (Facebook fetches it); else the bytes. A channel that keeps
    // the user's token sends them through the Resumable Upload API (whose sessions take only a
    // user token) and publishes the handle; one that keeps the Page token sends them as multipart
    // `source` on the same call (the non-resumable upload, within the 1 GB this manifest allows).
    const url = await publicAddress(v, c.ctx);
    const fields: Record<string, string> = message ? { description: message } : {};
    const body = url
      ? new URLSearchParams({ ...fields, file_url: url })
      : c.userToken
        ? new URLSearchParams({ ...fields, fbuploader_video_file_chunk: await resumableUpload(c.api, c.userToken, v, c.ctx) })
        : await mediaForm(fields, v, "file_url", 1, c.ctx);
    const answer = await create(c, videoUrl(`/${encodeURIComponent(c.pageId)}/videos`), body, "publish the video");
    return { id: answer.id, url: `https://www.facebook.com/${encodeURIComponent(c.pageId)}/videos/${answer.id}`, ref: { kind: "video" } };
  }
  if (media.length === 1) {
    const m = media[0]!;
    const fields: Record<string, string> = { ...(message ? { caption: message } : {}), ...(m.alt ? { alt_text_custom: m.alt } : {}) };
    const answer = await create(c, page(c, "photos"), await mediaForm(fields, m, "url", 1, c.ctx), "publish the photo");
    // A published photo answers {id: photo id, post_id: the Page post}; the post is what readers open.
    const id = answer.post_id ?? answer.id;
    return { id, url: postLink(id), ref: { photo: answer.id } };
  }
  const body = new URLSearchParams(message ? { message } : {});
  if (media.length) {
    for (const [i, m] of media.entries()) {
      const fields = { published: "false", ...(m.alt ? { alt_text_custom: m.alt } : {}) };
      // An unpublished photo is never seen by anyone: repeating its upload only leaves a spare one.
      const photo = await create(c, page(c, "photos"), await mediaForm(fields, m, "url", i + 1, c.ctx), `upload photo ${i + 1}`, true);
      body.set(`attached_media[${i}]`, JSON.stringify({ media_fbid: photo.id }));
    }
  } else if (link) body.set("link", link);
  if (!message && !media.length && !link)
    throw new ProviderError("bad-body", "A Facebook post needs text, a link or media", { mayHavePublished: false });
  const answer = await create(c, page(c, "feed"), body, "create the post");
  return { id: answer.id, url: postLink(answer.id), ...(warnings.length ? { warnings } : {}) };
}

/**
 * A comment under the published post. Every follow-up answers the post itself, in order (Facebook
 * nests replies one level only); `ref.post` names that post for reconciling a lost answer.
 */
export async function commentOn(c: Call, item: PostItem, root: PublishedItem): Promise<PublishedItem> {
  const media = item.media ?? [];
  if (media.length > 1) throw new ProviderError("bad-body", "A Facebook comment takes at most one photo", { mayHavePublished: false });
  const body = new URLSearchParams(item.text.trim() ? { message: item.text.trim() } : {});
  if (media[0]) {
    if (media[0].mimeType.startsWith("video/"))
      throw new ProviderError("bad-body", "A Facebook comment takes a photo, not a video", { mayHavePublished: false });
    const url = await publicAddress(media[0], c.ctx);
    if (!url)
      throw new ProviderError(
        "bad-body",
        "A photo in a Facebook comment must have a public address, and this server has none for uploads",
        {
          mayHavePublished: false,
        },
      );
    body.set("attachment_url", url);
  }
  if (![...body.keys()].length)
    throw new ProviderError("bad-body", "A Facebook comment needs text or a photo", { mayHavePublished: false });
  const answer = await create(c, graphUrl(`/${encodeURIComponent(root.id)}/comments`), body, "post the comment");
  return { id: answer.id, url: postLink(answer.id), ref: { post: root.id } };
}

const listAnswer = z.object({
  data: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        message: z.string().optional(),
        created_time: z.string().optional(),
        permalink_url: z.string().optional(),
      }),
    )
    .default([]),
});

/**
 * After a lost answer: the post (or comment) with this message made since `since`, read back from
 * the Page's feed (GET /{page-id}/feed) or the parent's comments. A post without text cannot be told
 * apart from others and is never adopted.
 */
export async function findOnPage(c: Call, item: PostItem, since: Date, parent?: PublishedItem): Promise<PublishedItem | null> {
  const text = item.text.trim();
  if (!text) return null;
  const from = since.getTime() - 60_000;
  // A comment is under the post (a follow-up's ref.post), never under the comment before it.
  const under = parent ? (parent.ref?.post ?? parent.id) : undefined;
  const url = under
    ? `${graphUrl(`/${encodeURIComponent(under)}/comments`)}?${new URLSearchParams({ fields: "id,message,created_time", order: "reverse_chronological", limit: "50" })}`
    : `${page(c, "feed")}?${new URLSearchParams({ fields: "id,message,created_time,permalink_url", since: String(Math.floor(from / 1000)), limit: "50" })}`;
  const answer = listAnswer.safeParse(await c.api.fetchJson(url, {}, { action: "read back recent posts", token: c.token, ctx: c.ctx }));
  if (!answer.success) throw new ProviderError("retry", "Facebook sent a list of posts this server cannot read");
  const hit = answer.data.data.find((p) => p.message?.trim() === text && (!p.created_time || Date.parse(p.created_time) >= from));
  return hit ? { id: hit.id, url: postLink(hit.id, hit.permalink_url) } : null;
}
