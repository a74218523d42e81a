import { ProviderError } from "../core/errors";
import { withPublicMedia } from "../core/public-media";
import type { MediaItem, PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { QUOTA_RETRY_MS } from "./instagram.errors";
import { graphGet, graphPost, type Graph, type GraphCall } from "./instagram.graph";
import { parseCollaborators, parseUserTags, type InstagramSettings } from "./instagram.settings";

// The container flow both Instagram variants publish through (../shared/platforms/instagram.md §2,
// Content Publishing): check the 24-hour quota, create a container per media item (children of a
// carousel first, then the carousel), poll each until FINISHED, publish with media_publish, read
// the permalink. Meta downloads every file itself, so each attachment is given as a public URL.
// Containers are free to make and expire unpublished after 24 h: only media_publish makes a post.

const HASHTAGS = 30;
const MENTIONS = 20;
/** Polling a container: quick at first (images finish at once), then about once every 30 s, for up to 5 minutes as the docs suggest. */
const POLL_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000, ...Array<number>(9).fill(30_000)];

const NO_ADDRESS =
  "Instagram downloads each file from a public address, and this server has none for uploads: set APP_URL to a public address or configure an object store";

type Container = { id: string };

/** The account's profile: the link when a post's own permalink cannot be read. */
export const instagramProfileUrl = (username?: string | null) =>
  username ? `https://www.instagram.com/${encodeURIComponent(username)}/` : "https://www.instagram.com/";
type Status = { status_code?: string; status?: string; id?: string };

const isVideo = (m: MediaItem) => m.mimeType.startsWith("video/");

/** Caption rules the Content Publishing guide states beyond the character limit. */
export function captionProblem(text: string): string | undefined {
  const hashtags = text.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (hashtags > HASHTAGS) return `An Instagram caption takes at most ${HASHTAGS} hashtags; this one has ${hashtags}`;
  const mentions = text.match(/(^|[^\p{L}\p{N}_.])@[A-Za-z0-9._]+/gu)?.length ?? 0;
  if (mentions > MENTIONS) return `An Instagram caption takes at most ${MENTIONS} @mentions; this one has ${mentions}`;
  return undefined;
}

/** The account's use of its 24-hour publishing quota, or undefined when Instagram would not say. */
export async function publishingQuota(g: Graph, igUserId: string, call: GraphCall): Promise<{ used: number; total: number } | undefined> {
  const answer = await graphGet<{ data?: { quota_usage?: number; config?: { quota_total?: number } }[] }>(
    g,
    `/${encodeURIComponent(igUserId)}/content_publishing_limit`,
    { fields: "quota_usage,config" },
    call,
    "read the publishing quota",
  ).catch((e: unknown) => {
    // media_publish enforces the quota anyway (2207042): only a token problem stops here.
    if (e instanceof ProviderError && (e.kind === "refresh-token" || e.kind === "disconnect")) throw e;
    return undefined;
  });
  const row = answer?.data?.[0];
  const used = Number(row?.quota_usage);
  const total = Number(row?.config?.quota_total);
  return Number.isFinite(used) && Number.isFinite(total) && total > 0 ? { used, total } : undefined;
}

async function waitUntilFinished(g: Graph, containerId: string, call: GraphCall, sleep: (ms: number) => Promise<void>): Promise<void> {
  for (const delay of [0, ...POLL_DELAYS_MS]) {
    if (delay) await sleep(delay);
    const s = await graphGet<Status>(
      g,
      `/${encodeURIComponent(containerId)}`,
      { fields: "status_code,status" },
      call,
      "check the media container's status",
    );
    switch (s.status_code) {
      case "FINISHED":
      case "PUBLISHED":
        return;
      case "ERROR": {
        const sub = /\b(2207\d{3})\b/.exec(s.status ?? "")?.[1];
        // A failed download is often Meta's side (Postiz PR #1900): worth another try later.
        const kind = sub === "2207052" || sub === "2207003" || sub === "2207082" ? "retry" : "bad-body";
        throw new ProviderError(kind, `Instagram could not process the media: ${s.status || "ERROR"}`, { mayHavePublished: false });
      }
      case "EXPIRED":
        throw new ProviderError("bad-body", `The media container expired before it was published (24 h): ${s.status || "EXPIRED"}`, {
          mayHavePublished: false,
        });
      default: // IN_PROGRESS: keep waiting.
    }
  }
  throw new ProviderError("retry", "Instagram is still processing the media after 5 minutes; the post will be tried again later", {
    mayHavePublished: false,
  });
}

function mediaParams(m: MediaItem, kind: "REELS" | "STORIES" | "VIDEO" | undefined): Record<string, string> {
  return isVideo(m)
    ? { media_type: kind ?? "VIDEO", video_url: m.url! }
    : { image_url: m.url!, ...(kind === "STORIES" ? { media_type: kind } : {}) };
}

export type PublishOptions = { sleep: (ms: number) => Promise<void>; profileUrl: string };

/** Publishes one post item and answers the new media's id and permalink. */
export async function publishInstagramItem(
  g: Graph,
  igUserId: string,
  item: PostItem,
  settings: InstagramSettings | undefined,
  call: GraphCall,
  opts: PublishOptions,
  ctx?: PublishContext,
): Promise<PublishedItem> {
  const s = settings ?? {};
  const ready = await withPublicMedia(item, ctx, NO_ADDRESS);
  const media = ready.media ?? [];
  const caption = item.text.trim();
  if (!media.length) throw new ProviderError("bad-body", "An Instagram post needs an image or a video");
  const captionRule = captionProblem(caption);
  if (captionRule) throw new ProviderError("bad-body", captionRule);
  const type = s.postType ?? "post";
  if (type === "story" && media.length > 1)
    throw new ProviderError("bad-body", "An Instagram Story takes one image or video: publish several as separate posts");
  if (type === "reel" && (media.length > 1 || !isVideo(media[0]!)))
    throw new ProviderError("bad-body", "An Instagram Reel is one video: choose “Feed post” for images or a carousel");
  const tags = parseUserTags(s.userTags);
  if (typeof tags === "string") throw new ProviderError("bad-body", `userTags: ${tags}`);
  const collaborators = parseCollaborators(s.collaborators);
  const warnings: string[] = [];

  const quota = await publishingQuota(g, igUserId, call);
  if (quota && quota.used >= quota.total)
    throw new ProviderError(
      "retry",
      `The account has published ${quota.used} of the ${quota.total} posts Instagram allows through the API in 24 hours; the post waits for a free slot`,
      { retryAfterMs: QUOTA_RETRY_MS, mayHavePublished: false },
    );

  const create = (params: Record<string, string | number | boolean | undefined>, what: string) =>
    graphPost<Container>(g, `/${encodeURIComponent(igUserId)}/media`, params, call, `create the ${what} container`, false);
  const shared = {
    ...(collaborators.length && type !== "story" ? { collaborators: JSON.stringify(collaborators) } : {}),
  };
  const userTags = tags.length ? JSON.stringify(tags.map((t) => ({ username: t.username, x: t.x, y: t.y }))) : undefined;

  let container: Container;
  if (type === "story") {
    if (caption) warnings.push("Instagram Stories take no caption: the text was not sent.");
    container = await create({ ...mediaParams(media[0]!, "STORIES") }, "story");
  } else if (media.length === 1) {
    const m = media[0]!;
    if (isVideo(m)) {
      // Since 2023 a single feed video is a Reel (media_type=VIDEO is for carousel items only).
      container = await create(
        {
          ...mediaParams(m, "REELS"),
          caption: caption || undefined,
          share_to_feed: s.shareToFeed,
          cover_url: s.coverUrl,
          thumb_offset: s.coverUrl ? undefined : s.thumbOffset,
          ...shared,
        },
        "Reel",
      );
    } else {
      container = await create({ ...mediaParams(m, undefined), caption: caption || undefined, user_tags: userTags, ...shared }, "image");
    }
  } else {
    const children: string[] = [];
    let tagged = false;
    for (const m of media) {
      // User tags go on the first image of the carousel.
      const tagHere = !isVideo(m) && !tagged && userTags ? userTags : undefined;
      if (tagHere) tagged = true;
      const child = await create({ ...mediaParams(m, "VIDEO"), is_carousel_item: true, user_tags: tagHere }, "carousel item");
      children.push(child.id);
    }
    for (const id of children) await waitUntilFinished(g, id, call, opts.sleep);
    container = await create(
      { media_type: "CAROUSEL", children: children.join(","), caption: caption || undefined, ...shared },
      "carousel",
    );
  }
  if (userTags && media.every(isVideo)) warnings.push("People are tagged on images only: the tags were not sent.");
  if (media.some((m) => m.alt)) warnings.push("Alt text is not sent to Instagram by Postmill yet: the descriptions were left out.");
  await waitUntilFinished(g, container.id, call, opts.sleep);

  const published = await graphPost<{ id?: string }>(
    g,
    `/${encodeURIComponent(igUserId)}/media_publish`,
    { creation_id: container.id },
    call,
    "publish the media",
    true,
  );
  if (!published.id) throw new ProviderError("retry", "Instagram published the media without saying its id", { mayHavePublished: true });
  const url = await permalinkOf(g, published.id, call).catch(() => undefined);
  return { id: published.id, url: url ?? opts.profileUrl, ref: { media: published.id }, ...(warnings.length ? { warnings } : {}) };
}

export async function permalinkOf(g: Graph, mediaId: string, call: GraphCall): Promise<string | undefined> {
  const m = await graphGet<{ permalink?: string }>(
    g,
    `/${encodeURIComponent(mediaId)}`,
    { fields: "permalink" },
    call,
    "read the post's link",
  );
  return typeof m.permalink === "string" && /^https?:\/\//.test(m.permalink) ? m.permalink : undefined;
}

/** A comment under a published media (the "first comment"), text only. */
export async function commentOnMedia(g: Graph, mediaId: string, item: PostItem, call: GraphCall, postUrl: string): Promise<PublishedItem> {
  if (item.media?.length)
    throw new ProviderError("bad-body", "An Instagram comment is text only: remove the attachments from the follow-up");
  const message = item.text.trim();
  if (!message) throw new ProviderError("bad-body", "An Instagram comment needs text");
  const c = await graphPost<{ id?: string }>(g, `/${encodeURIComponent(mediaId)}/comments`, { message }, call, "post the comment", true);
  if (!c.id) throw new ProviderError("retry", "Instagram made the comment without saying its id", { mayHavePublished: true });
  return { id: c.id, url: postUrl, ref: { media: mediaId } };
}

/** After a lost comment answer: the comment under the media with this text, made since `since` (GET /{media-id}/comments). */
export async function findPublishedComment(
  g: Graph,
  parent: PublishedItem,
  item: PostItem,
  since: Date,
  call: GraphCall,
): Promise<PublishedItem | null> {
  // Every follow-up is a comment on the media: a comment's own result carries the media's id.
  const mediaId = parent.ref?.media ?? parent.id;
  const list = await graphGet<{ data?: { id?: string; text?: string; timestamp?: string }[] }>(
    g,
    `/${encodeURIComponent(mediaId)}/comments`,
    { fields: "id,text,timestamp" },
    call,
    "read the post's comments",
  );
  const text = item.text.trim();
  const found = (list.data ?? []).find(
    (c) => c.id && (c.text ?? "").trim() === text && (!c.timestamp || Date.parse(c.timestamp) >= since.getTime() - 60_000),
  );
  return found?.id ? { id: found.id, url: parent.url, ref: { media: mediaId } } : null;
}

/**
 * After a lost media_publish answer: the account's media since `since` whose caption is this
 * item's text, read back from GET /{ig-user-id}/media (newest first).
 */
export async function findPublishedMedia(
  g: Graph,
  igUserId: string,
  item: PostItem,
  since: Date,
  call: GraphCall,
  profileUrl: string,
): Promise<PublishedItem | null> {
  const list = await graphGet<{ data?: { id?: string; caption?: string; timestamp?: string; permalink?: string }[] }>(
    g,
    `/${encodeURIComponent(igUserId)}/media`,
    { fields: "id,caption,timestamp,permalink", limit: 25 },
    call,
    "read the account's recent posts",
  );
  const caption = item.text.trim();
  const found = (list.data ?? []).find(
    (m) => m.id && (m.caption ?? "").trim() === caption && (!m.timestamp || Date.parse(m.timestamp) >= since.getTime() - 60_000),
  );
  return found?.id ? { id: found.id, url: found.permalink ?? profileUrl, ref: { media: found.id } } : null;
}
