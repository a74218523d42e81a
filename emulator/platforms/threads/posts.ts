import { fetchMedia, type MediaFetch } from "@/emulator/kit/fetch-media";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { graphError, invalidParam, ownProfile, paramsOf, PLATFORM, requireUser, VERSION } from "./support";

// Publishing as the Threads posts doc describes it: POST /{user-id}/threads makes a media
// container (TEXT, IMAGE with image_url, VIDEO with video_url, CAROUSEL of 2–20 item containers
// made with is_carousel_item=true), Threads downloads the media from the URL it was given,
// GET /{container-id}?fields=status,error_message reports IN_PROGRESS → FINISHED or ERROR (with
// the troubleshooting doc's error_message codes), and POST /{user-id}/threads_publish?creation_id=
// publishes a FINISHED container once, within the 250 posts (1,000 replies) per 24 hours of the
// overview doc, checked by GET /{user-id}/threads_publishing_limit.

export type Container = {
  id: string;
  accountId: string;
  mediaType: "TEXT" | "IMAGE" | "VIDEO" | "CAROUSEL";
  text: string;
  url?: string;
  alt?: string;
  carouselItem: boolean;
  children: string[];
  replyTo?: string;
  replyControl?: string;
  topicTag?: string;
  poll?: Record<string, string>;
  /** link_attachment: the link whose card a text post shows. */
  linkAttachment?: string;
  status: "IN_PROGRESS" | "FINISHED" | "ERROR" | "PUBLISHED" | "EXPIRED";
  error?: string;
  /** When a video's processing ends (IN_PROGRESS until then). */
  readyAt: number;
  fetches: MediaFetch[];
  createdAt: number;
  publishedId?: string;
};

const TEXT_MAX = 500;
const ALT_MAX = 1000;
const MAX_LINKS = 5;
const CAROUSEL_MIN = 2;
const CAROUSEL_MAX = 20;
const POST_QUOTA = 250;
const REPLY_QUOTA = 1000;
const DAY_S = 86_400;
const CONTAINER_TTL_MS = DAY_S * 1000;
const REPLY_CONTROLS = ["everyone", "accounts_you_follow", "mentioned_only", "parent_post_author_only", "followers_only"];
const VIDEO_PROCESSING_MS = 800;
const IMAGE_TYPES = ["image/jpeg", "image/png"];
const VIDEO_TYPES = ["video/mp4", "video/quicktime"];

/** Posts doc: 500 characters, "emojis are counted as the number of UTF-8 bytes". */
export function threadsLength(text: string): number {
  let n = 0;
  for (const ch of text)
    n += /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u20E3\u200D\uFE0F]/u.test(ch) ? Buffer.byteLength(ch) : 1;
  return n;
}

const within24h = (p: RecordedPost) => p.receivedAt > Date.now() - DAY_S * 1000;
export const postsUsed = (state: EmulatorState, accountId: string) =>
  recorded(state, PLATFORM)
    .byAccount(accountId)
    .filter((p) => within24h(p) && !p.replyTo).length;
export const repliesUsed = (state: EmulatorState, accountId: string) =>
  recorded(state, PLATFORM)
    .byAccount(accountId)
    .filter((p) => within24h(p) && !!p.replyTo).length;

export const permalinkOf = (base: string, username: string, id: string) => `${base}/@${encodeURIComponent(username)}/post/${id}`;

function checkPoll(raw: string): Record<string, string> | string {
  let poll: unknown;
  try {
    poll = JSON.parse(raw);
  } catch {
    return "poll_attachment must be a JSON object";
  }
  if (!poll || typeof poll !== "object" || Array.isArray(poll)) return "poll_attachment must be a JSON object";
  const entries = Object.entries(poll as Record<string, unknown>);
  const allowed = ["option_a", "option_b", "option_c", "option_d"];
  for (const [k, v] of entries) {
    if (!allowed.includes(k)) return `poll_attachment has an unknown field ${k}`;
    if (typeof v !== "string" || [...v].length < 1 || [...v].length > 25) return `poll_attachment ${k} must be 1 to 25 characters`;
  }
  const present = allowed.filter((k) => k in (poll as object));
  if (present.length < 2) return "poll_attachment needs at least option_a and option_b";
  if (present.some((k, i) => k !== allowed[i])) return "poll_attachment options must be filled in order from option_a";
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Validates POST /{user-id}/threads and makes the container (downloading its media). */
async function createContainer(
  state: EmulatorState,
  containers: Map<string, Container>,
  acc: Account,
  req: EmuRequest,
): Promise<EmuResponse> {
  const p = paramsOf(req);
  const mediaType = p.get("media_type");
  if (!mediaType) return invalidParam("The parameter media_type is required.");
  if (!["TEXT", "IMAGE", "VIDEO", "CAROUSEL"].includes(mediaType))
    return invalidParam(`Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}`);
  const text = p.get("text") ?? "";
  if (threadsLength(text) > TEXT_MAX) return invalidParam(`Param text must be at most ${TEXT_MAX} characters long.`);
  // Text attachments doc: more than 5 unique URLs fail here since 2025-12-22.
  const links = new Set((text.match(/\b(?:https?:\/\/|www\.)[^\s]+/gi) ?? []).map((u) => u.toLowerCase()));
  if (links.size > MAX_LINKS)
    return graphError(400, 100, `THREADS_API__LINK_LIMIT_EXCEEDED: a post can contain at most ${MAX_LINKS} links (${links.size} found).`);
  const carouselItem = p.get("is_carousel_item") === "true";
  if (carouselItem && !["IMAGE", "VIDEO"].includes(mediaType))
    return invalidParam("Only IMAGE and VIDEO containers can be carousel items.");
  if (mediaType === "TEXT" && !text.trim()) return invalidParam("The parameter text is required for media_type TEXT.");
  const alt = p.get("alt_text") ?? undefined;
  if (alt !== undefined && [...alt].length > ALT_MAX) return invalidParam(`Param alt_text must be at most ${ALT_MAX} characters long.`);

  const replyTo = p.get("reply_to_id") ?? undefined;
  if (replyTo) {
    if (!recorded(state, PLATFORM).find(replyTo))
      return graphError(400, 100, `Param reply_to_id: media ${replyTo} does not exist.`, { subcode: 4279009 });
  }
  const replyControl = p.get("reply_control") ?? undefined;
  if (replyControl !== undefined && !REPLY_CONTROLS.includes(replyControl))
    return invalidParam(`Param reply_control must be one of {${REPLY_CONTROLS.join(", ")}}`);
  const topicTag = p.get("topic_tag") ?? undefined;
  if (topicTag !== undefined && ([...topicTag].length < 1 || [...topicTag].length > 50 || /[.&]/.test(topicTag)))
    return invalidParam("Param topic_tag must be 1 to 50 characters, without periods (.) or ampersands (&).");
  let poll: Record<string, string> | undefined;
  const rawPoll = p.get("poll_attachment");
  if (rawPoll !== null) {
    if (mediaType !== "TEXT") return invalidParam("Polls can only be attached to text-only posts.");
    const checked = checkPoll(rawPoll);
    if (typeof checked === "string") return invalidParam(`Param ${checked}.`);
    poll = checked;
  }

  // Text attachments doc: link_attachment is a URL, and only for text posts.
  const linkAttachment = p.get("link_attachment") ?? undefined;
  if (linkAttachment !== undefined) {
    if (mediaType !== "TEXT") return invalidParam("Param link_attachment is only allowed for media_type TEXT.");
    if (!/^https?:\/\/\S+$/i.test(linkAttachment)) return invalidParam("Param link_attachment must be a valid URL.");
  }

  const c: Container = {
    id: state.nextId(),
    accountId: acc.id,
    mediaType: mediaType as Container["mediaType"],
    text,
    alt,
    carouselItem,
    children: [],
    replyTo,
    replyControl,
    topicTag,
    poll,
    linkAttachment,
    status: "FINISHED",
    readyAt: 0,
    fetches: [],
    createdAt: Date.now(),
  };
  if (mediaType === "IMAGE" || mediaType === "VIDEO") {
    const key = mediaType === "IMAGE" ? "image_url" : "video_url";
    const url = p.get(key);
    if (!url) return invalidParam(`The parameter ${key} is required for media_type ${mediaType}.`);
    if (!/^https?:\/\//.test(url)) return invalidParam(`Param ${key} must be a valid URL.`);
    c.url = url;
    // Threads downloads the file itself: the post is only right when the link really serves it.
    const fetched = await fetchMedia(url);
    c.fetches.push(fetched);
    const types = mediaType === "IMAGE" ? IMAGE_TYPES : VIDEO_TYPES;
    const usable = fetched.ok && types.includes(fetched.sniffedType ?? "");
    if (mediaType === "IMAGE" && !usable)
      return graphError(400, 100, `The media could not be fetched from this URI: ${url}`, { subcode: 2207052 });
    if (mediaType === "VIDEO") {
      if (!usable) {
        c.status = "ERROR";
        c.error = "FAILED_DOWNLOADING_VIDEO";
      } else {
        // Videos are processed after the download, for a moment here (minutes on Threads).
        c.status = "IN_PROGRESS";
        c.readyAt = Date.now() + VIDEO_PROCESSING_MS;
      }
    }
  }
  if (mediaType === "CAROUSEL") {
    const children = (p.get("children") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (children.length < CAROUSEL_MIN || children.length > CAROUSEL_MAX)
      return invalidParam(`Param children must list ${CAROUSEL_MIN} to ${CAROUSEL_MAX} carousel item containers.`);
    for (const id of children) {
      const child = containers.get(id);
      if (!child || child.accountId !== acc.id) return invalidParam(`Param children: container ${id} does not exist.`);
      if (!child.carouselItem) return invalidParam(`Param children: container ${id} was not created with is_carousel_item=true.`);
      if (child.status !== "FINISHED") return invalidParam(`Param children: container ${id} is not ready (${child.status}).`);
    }
    c.children = children;
  }
  containers.set(c.id, c);
  return json(200, { id: c.id });
}

function containerStatus(c: Container): { status: Container["status"]; error_message?: string } {
  if (c.status !== "PUBLISHED" && c.createdAt < Date.now() - CONTAINER_TTL_MS) c.status = "EXPIRED";
  if (c.status === "IN_PROGRESS" && Date.now() >= c.readyAt) c.status = "FINISHED";
  return { status: c.status, ...(c.error ? { error_message: c.error } : {}) };
}

function publish(state: EmulatorState, containers: Map<string, Container>, acc: Account, req: EmuRequest): EmuResponse {
  const id = paramsOf(req).get("creation_id");
  if (!id) return invalidParam("The parameter creation_id is required.");
  const c = containers.get(id);
  if (!c || c.accountId !== acc.id) return graphError(400, 100, `Param creation_id: container ${id} does not exist.`, { subcode: 4279009 });
  if (c.carouselItem) return invalidParam("A carousel item container cannot be published on its own.");
  if (c.status === "PUBLISHED") return graphError(400, 100, "This container has already been published.", { subcode: 4279014 });
  if (c.status === "IN_PROGRESS")
    return graphError(400, 24, "The media is not ready for publishing, please wait for a moment.", { subcode: 4279009 });
  if (c.status === "ERROR") return invalidParam(`The container failed: ${c.error ?? "UNKNOWN"}`);
  if (c.status === "EXPIRED") return invalidParam("The container expired: it was not published within 24 hours.");
  if (c.replyTo ? repliesUsed(state, acc.id) >= REPLY_QUOTA : postsUsed(state, acc.id) >= POST_QUOTA)
    return graphError(
      400,
      9,
      c.replyTo
        ? "You have reached the maximum number of replies allowed in 24 hours."
        : "You have reached the maximum number of posts that is allowed for this account in 24 hours (publishing limit).",
      { subcode: 2207042 },
    );
  const items = c.mediaType === "CAROUSEL" ? c.children.map((k) => containers.get(k)!) : c.url ? [c] : [];
  const post = recorded(state, PLATFORM).record({
    accountId: acc.id,
    text: c.text,
    media: items.map((m) => m.url!),
    ...(c.replyTo ? { replyTo: c.replyTo } : {}),
    ...(c.poll ? { poll: c.poll } : {}),
    extra: {
      mediaType: c.mediaType,
      containerId: c.id,
      mediaFetches: items.flatMap((m) => m.fetches),
      altTexts: items.map((m) => m.alt ?? null),
      ...(c.linkAttachment ? { linkAttachment: c.linkAttachment } : {}),
      ...(c.replyControl ? { replyControl: c.replyControl } : {}),
      ...(c.topicTag ? { topicTag: c.topicTag } : {}),
    },
  });
  c.status = "PUBLISHED";
  c.publishedId = post.id;
  return json(200, { id: post.id });
}

/** A published post as the media endpoints show it, limited to the asked-for fields. */
export function mediaJson(base: string, acc: Account, p: RecordedPost, fields: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: p.id,
    media_product_type: "THREADS",
    media_type: p.extra?.mediaType === "TEXT" ? "TEXT_POST" : p.extra?.mediaType === "CAROUSEL" ? "CAROUSEL_ALBUM" : p.extra?.mediaType,
    permalink: permalinkOf(base, acc.username, p.id),
    owner: { id: acc.id },
    username: acc.username,
    text: p.text,
    timestamp: new Date(p.receivedAt).toISOString().replace(/\.\d{3}Z$/, "+0000"),
    shortcode: p.id,
    is_quote_post: false,
    ...(p.replyTo ? { replied_to: { id: p.replyTo }, root_post: { id: p.replyTo }, is_reply: true } : { is_reply: false }),
    ...(p.poll ? { poll_attachment: p.poll } : {}),
  };
  return Object.fromEntries(["id", ...fields].filter((f) => f in all).map((f) => [f, all[f]]));
}

function listOwn(base: string, state: EmulatorState, acc: Account, req: EmuRequest, replies: boolean): EmuResponse {
  const q = req.query;
  const fields = (q.get("fields") ?? "id").split(",").map((s) => s.trim());
  const limit = Math.min(Math.max(Number(q.get("limit") ?? 25) || 25, 1), 100);
  const since = q.get("since") ? Number(q.get("since")) * 1000 : 0;
  const until = q.get("until") ? Number(q.get("until")) * 1000 : Infinity;
  const posts = recorded(state, PLATFORM)
    .byAccount(acc.id)
    .filter((p) => !!p.replyTo === replies && p.receivedAt >= since && p.receivedAt <= until)
    .sort((a, b) => b.receivedAt - a.receivedAt)
    .slice(0, limit);
  return json(200, { data: posts.map((p) => mediaJson(base, acc, p, fields)), paging: { cursors: { before: "", after: "" } } });
}

export function postRoutes(state: EmulatorState): Route[] {
  const containers = new Map<string, Container>();
  const user = (req: EmuRequest, userId: string | undefined, scopes: string[]) => {
    const acc = requireUser(state, req, scopes);
    if ("status" in acc) return acc;
    return ownProfile(acc, userId) ?? acc;
  };
  return [
    {
      method: "POST",
      path: `${VERSION}/:user/threads`,
      name: "container",
      async handle(req, p) {
        const needs = ["threads_basic", "threads_content_publish", ...(paramsOf(req).get("reply_to_id") ? ["threads_manage_replies"] : [])];
        const acc = user(req, p.user, needs);
        return "status" in acc ? acc : createContainer(state, containers, acc, req);
      },
    },
    {
      method: "POST",
      path: `${VERSION}/:user/threads_publish`,
      name: "publish",
      handle(req, p) {
        const acc = user(req, p.user, ["threads_basic", "threads_content_publish"]);
        return "status" in acc ? acc : publish(state, containers, acc, req);
      },
    },
    {
      method: "GET",
      path: `${VERSION}/:user/threads_publishing_limit`,
      name: "quota",
      handle(req, p) {
        const acc = user(req, p.user, ["threads_basic", "threads_content_publish"]);
        if ("status" in acc) return acc;
        const fields = (req.query.get("fields") ?? "quota_usage,config").split(",").map((s) => s.trim());
        const all: Record<string, unknown> = {
          quota_usage: postsUsed(state, acc.id),
          config: { quota_total: POST_QUOTA, quota_duration: DAY_S },
          reply_quota_usage: repliesUsed(state, acc.id),
          reply_config: { quota_total: REPLY_QUOTA, quota_duration: DAY_S },
        };
        return json(200, { data: [Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]]))] });
      },
    },
    {
      method: "GET",
      path: `${VERSION}/:user/threads`,
      name: "list",
      handle(req, p) {
        const acc = user(req, p.user, ["threads_basic"]);
        return "status" in acc ? acc : listOwn(req.base, state, acc, req, false);
      },
    },
    {
      method: "GET",
      path: `${VERSION}/:user/replies`,
      name: "replies",
      handle(req, p) {
        const acc = user(req, p.user, ["threads_basic", "threads_read_replies"]);
        return "status" in acc ? acc : listOwn(req.base, state, acc, req, true);
      },
    },
    {
      // GET /{container-id}?fields=status,error_message, or GET /{media-id}?fields=… for a post.
      method: "GET",
      path: `${VERSION}/:id`,
      name: "object",
      handle(req, p) {
        const acc = requireUser(state, req, ["threads_basic"]);
        if ("status" in acc) return acc;
        const fields = (req.query.get("fields") ?? "id").split(",").map((s) => s.trim());
        const c = containers.get(p.id!);
        if (c && c.accountId === acc.id) {
          const s = containerStatus(c);
          const all: Record<string, unknown> = { id: c.id, ...s };
          return json(200, Object.fromEntries(["id", ...fields].filter((f) => f in all).map((f) => [f, all[f]])));
        }
        const post = recorded(state, PLATFORM).find(p.id!);
        if (!post || post.accountId !== acc.id)
          return graphError(
            400,
            100,
            `Unsupported get request. Object with ID '${p.id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
            { subcode: 33 },
          );
        return json(200, mediaJson(req.base, acc, post, fields));
      },
    },
  ];
}
