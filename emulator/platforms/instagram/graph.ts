import { isAnswer } from "@/emulator/kit/access";
import { fetchMedia } from "@/emulator/kit/fetch-media";
import { dailyFigure, dayOf, followersOn, postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, Grant } from "@/emulator/state";
import {
  HOUR,
  QUOTA_TOTAL,
  CAROUSEL_MAX,
  graphError,
  invalidParam,
  params,
  graphGrant,
  containers,
  statusOf,
  captionProblem,
  jsonList,
  IMAGE_TYPES,
  VIDEO_TYPES,
  publishedInLastDay,
  metaTime,
  type Container,
} from "./graph-support";
import { json, type EmuResponse, type Route } from "@/emulator/types";

// The Instagram Graph API's content publishing, insights and error envelope, as Meta documents
// them (Content Publishing guide, IG User /media, /media_publish, /content_publishing_limit, IG
// Container, IG Media /comments and /insights, Graph API "Handling Errors"). The reference pages
// describe one API reached two ways, graph.facebook.com with a Facebook Login user token and
// graph.instagram.com with an Instagram Login token, with the same parameters and answers, so both
// emulated platforms mount these routes; each supplies its own sign-in routes and says which IG
// user ids its tokens may act for.

export type GraphOptions = {
  platform: string;
  /** The emulator account an IG user id belongs to, or undefined when there is no such IG user. */
  ownerOf: (state: EmulatorState, igUserId: string) => string | undefined;
  /** The IG user id of an emulator account (for read-back answers). */
  igUserIdOf: (accountId: string) => string;
  /** Permission a call needs, by purpose: the names differ between the two logins. */
  scopes: { publish: string; comments: string; insights: string };
};

export function graphRoutes(state: EmulatorState, o: GraphOptions): Route[] {
  const P = o.platform;
  const posts = recorded(state, P);
  /** The IG user the path names, when the token's account owns it. */
  const igUser = (grant: Grant, igUserId: string): EmuResponse | undefined => {
    const owner = o.ownerOf(state, igUserId);
    if (!owner)
      return invalidParam(
        `Unsupported request: Object with ID '${igUserId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
        33,
      );
    if (owner !== grant.accountId) return graphError(403, 10, "(#10) The user is not authorized to act for this Instagram account");
    return undefined;
  };
  const permalink = (id: string, kind: unknown) => `https://www.instagram.com/${kind === "REELS" ? "reel" : "p"}/${id}/`;

  return [
    {
      method: "GET",
      path: "/:igUserId/content_publishing_limit",
      name: "quota",
      handle(req, { igUserId }) {
        const g = graphGrant(state, P, req, o.scopes.publish);
        if (isAnswer(g)) return g;
        const bad = igUser(g, igUserId!);
        if (bad) return bad;
        const config = { quota_total: QUOTA_TOTAL, quota_duration: 86400 };
        const fields = (params(req).get("fields") ?? "quota_usage").split(",");
        return json(200, {
          data: [
            {
              ...(fields.includes("quota_usage") ? { quota_usage: publishedInLastDay(state, P, g.accountId) } : {}),
              ...(fields.includes("config") ? { config } : {}),
            },
          ],
        });
      },
    },
    {
      method: "POST",
      path: "/:igUserId/media",
      name: "container",
      async handle(req, { igUserId }) {
        const g = graphGrant(state, P, req, o.scopes.publish);
        if (isAnswer(g)) return g;
        const bad = igUser(g, igUserId!);
        if (bad) return bad;
        const p = params(req);
        const mediaType = p.get("media_type") ?? undefined;
        const carouselItem = p.get("is_carousel_item") === "true";
        const caption = p.get("caption") ?? undefined;
        const captionBad = captionProblem(caption);
        if (captionBad) return captionBad;
        if (mediaType && !["REELS", "STORIES", "CAROUSEL", "VIDEO"].includes(mediaType))
          return invalidParam(`media_type must be one of REELS, STORIES, CAROUSEL (VIDEO for carousel items), not ${mediaType}`);
        if (mediaType === "VIDEO" && !carouselItem)
          return invalidParam("media_type=VIDEO is only for carousel items: publish a single video as REELS", 2207023);
        const collaborators = jsonList(p.get("collaborators"), "collaborators");
        if (collaborators && !Array.isArray(collaborators)) return collaborators;
        if (collaborators && (collaborators.length > 3 || mediaType === "STORIES" || carouselItem))
          return invalidParam("collaborators: at most 3 usernames, and not on stories or carousel items");
        const userTags = jsonList(p.get("user_tags"), "user_tags");
        if (userTags && !Array.isArray(userTags)) return userTags;
        for (const t of userTags ?? []) {
          const tag = t as { username?: unknown; x?: unknown; y?: unknown };
          const inRange = (v: unknown) => typeof v === "number" && v >= 0 && v <= 1;
          if (typeof tag.username !== "string" || !inRange(tag.x) || !inRange(tag.y))
            return invalidParam("user_tags: each tag needs a username and x, y between 0.0 and 1.0");
        }

        const id = state.nextId();
        const base = { id, accountId: g.accountId, createdAt: Date.now(), carouselItem, caption, reads: 0 };
        const extra = {
          ...(collaborators ? { collaborators } : {}),
          ...(userTags ? { userTags } : {}),
          ...(p.get("share_to_feed") !== null ? { shareToFeed: p.get("share_to_feed") === "true" } : {}),
          ...(p.get("cover_url") ? { coverUrl: p.get("cover_url") } : {}),
          ...(p.get("thumb_offset") ? { thumbOffset: Number(p.get("thumb_offset")) } : {}),
        };
        if (mediaType === "CAROUSEL") {
          if (carouselItem) return invalidParam("A carousel cannot be a carousel item");
          const children = (p.get("children") ?? "").split(",").filter(Boolean);
          if (children.length < 2 || children.length > CAROUSEL_MAX)
            return invalidParam(`children: a carousel has 2 to ${CAROUSEL_MAX} items, not ${children.length}`, 2207028);
          for (const c of children) {
            const child = containers(state).get(c);
            if (!child || child.accountId !== g.accountId || !child.carouselItem)
              return invalidParam(`children: ${c} is not a carousel item container of this account`, 2207028);
            if (statusOf(child).status_code !== "FINISHED") return invalidParam(`children: ${c} is not FINISHED`, 2207028);
          }
          const kids = children.map((c) => containers(state).get(c)!);
          containers(state).set(id, {
            ...base,
            kind: "CAROUSEL",
            children,
            urls: kids.flatMap((k) => k.urls),
            fetches: kids.flatMap((k) => k.fetches),
            extra: { ...extra, children: kids.map((k) => k.kind) },
          });
          return json(200, { id });
        }
        if (carouselItem && caption) return invalidParam("caption is not allowed on carousel items");
        const imageUrl = p.get("image_url");
        const videoUrl = p.get("video_url");
        const video = mediaType === "REELS" || mediaType === "VIDEO" || (mediaType === "STORIES" && !!videoUrl);
        const url = video ? videoUrl : imageUrl;
        if (!url) return invalidParam(video ? "The parameter video_url is required" : "The parameter image_url is required");
        if (video && imageUrl) return invalidParam("image_url is not allowed with a video media_type");
        if (video && userTags) return invalidParam("user_tags with x, y are only for images");
        // Meta cURLs the media at creation: an image is checked now, a video while the container processes.
        const fetched = await fetchMedia(url);
        const kind = (mediaType ?? "IMAGE") as Container["kind"];
        if (!video) {
          if (!fetched.ok || !IMAGE_TYPES.includes(fetched.contentType)) {
            const wrongType = fetched.status === 200 && fetched.sniffedType && !IMAGE_TYPES.includes(fetched.sniffedType);
            return wrongType
              ? graphError(400, 9004, "The image format is not supported. Please check spec for supported image formats.", {
                  subcode: 2207005,
                })
              : graphError(400, 9004, "Media download has failed. The media URI doesn't meet our requirements.", { subcode: 2207052 });
          }
          containers(state).set(id, { ...base, kind, urls: [url], fetches: [fetched], extra });
          return json(200, { id });
        }
        const error = !fetched.ok
          ? fetched.status === 200
            ? "Error: The video format is not supported. Please check spec for supported video formats (2207026)"
            : "Error: Media download has failed. The media URI doesn't meet our requirements (2207052)"
          : !VIDEO_TYPES.includes(fetched.contentType)
            ? "Error: The video format is not supported. Please check spec for supported video formats (2207026)"
            : undefined;
        containers(state).set(id, { ...base, kind, urls: [url], fetches: [fetched], error, extra });
        return json(200, { id });
      },
    },
    {
      method: "POST",
      path: "/:igUserId/media_publish",
      name: "publish",
      handle(req, { igUserId }) {
        const g = graphGrant(state, P, req, o.scopes.publish);
        if (isAnswer(g)) return g;
        const bad = igUser(g, igUserId!);
        if (bad) return bad;
        const creation = params(req).get("creation_id");
        if (!creation) return invalidParam("The parameter creation_id is required");
        const c = containers(state).get(creation);
        if (!c || c.accountId !== g.accountId)
          return invalidParam(`creation_id ${creation} is not a media container of this account`, 2207027);
        if (c.carouselItem) return invalidParam("A carousel item is published through its carousel", 2207027);
        const { status_code } = statusOf(c);
        if (status_code === "EXPIRED") return graphError(400, 9007, "The media container has expired.", { subcode: 2207020 });
        if (status_code === "ERROR") return graphError(400, 9007, `The media could not be published: ${c.error}`, { subcode: 2207027 });
        if (status_code === "IN_PROGRESS")
          return graphError(400, 9007, "Media ID is not available. The media is not ready for publishing, please wait for a moment", {
            subcode: 2207027,
          });
        if (status_code === "PUBLISHED")
          return graphError(400, 9007, "The media container has already been published", { subcode: 2207027 });
        if (publishedInLastDay(state, P, g.accountId) >= QUOTA_TOTAL)
          return graphError(
            400,
            9,
            "Application request limit reached: the account reached the maximum number of posts published through the API in 24 hours",
            { subcode: 2207042 },
          );
        const post = posts.record({
          accountId: g.accountId,
          text: c.caption ?? "",
          media: c.urls,
          extra: { mediaType: c.kind, container: c.id, mediaFetches: c.fetches, ...c.extra },
        });
        c.published = post.id;
        return json(200, { id: post.id });
      },
    },
    {
      method: "GET",
      path: "/:igUserId/media",
      name: "media-list",
      handle(req, { igUserId }) {
        const g = graphGrant(state, P, req);
        if (isAnswer(g)) return g;
        const bad = igUser(g, igUserId!);
        if (bad) return bad;
        const limit = Math.min(100, Number(params(req).get("limit")) || 25);
        const mine = posts
          .byAccount(g.accountId)
          .filter((p) => !p.replyTo)
          .sort((a, b) => b.receivedAt - a.receivedAt)
          .slice(0, limit);
        return json(200, {
          data: mine.map((p) => ({
            id: p.id,
            caption: p.text,
            media_type: p.extra?.mediaType === "CAROUSEL" ? "CAROUSEL_ALBUM" : p.extra?.mediaType === "IMAGE" ? "IMAGE" : "VIDEO",
            timestamp: metaTime(p.receivedAt),
            permalink: permalink(p.id, p.extra?.mediaType),
          })),
        });
      },
    },
    {
      method: "POST",
      path: "/:mediaId/comments",
      name: "comment",
      handle(req, { mediaId }) {
        const g = graphGrant(state, P, req, o.scopes.comments);
        if (isAnswer(g)) return g;
        const media = posts.find(mediaId!);
        if (!media || media.replyTo) return invalidParam(`Unsupported post request. Object with ID '${mediaId}' does not exist`, 33);
        const message = params(req).get("message");
        if (!message?.trim()) return invalidParam("The parameter message is required");
        const c = posts.record({ accountId: g.accountId, text: message, media: [], replyTo: media.id });
        return json(200, { id: c.id });
      },
    },
    {
      method: "GET",
      path: "/:mediaId/comments",
      name: "comments",
      handle(req, { mediaId }) {
        const g = graphGrant(state, P, req);
        if (isAnswer(g)) return g;
        const media = posts.find(mediaId!);
        if (!media || media.replyTo) return invalidParam(`Unsupported get request. Object with ID '${mediaId}' does not exist`, 33);
        return json(200, {
          data: posts
            .repliesTo(media.id)
            .sort((a, b) => b.receivedAt - a.receivedAt)
            .map((c) => ({ id: c.id, text: c.text, timestamp: metaTime(c.receivedAt) })),
        });
      },
    },
    {
      method: "GET",
      path: "/:id/insights",
      name: "insights",
      handle(req, { id }) {
        const g = graphGrant(state, P, req, o.scopes.insights);
        if (isAnswer(g)) return g;
        const p = params(req);
        const metrics = (p.get("metric") ?? "").split(",").filter(Boolean);
        if (!metrics.length) return invalidParam("The parameter metric is required");
        const media = posts.find(id!);
        if (media) {
          const allowed = ["views", "reach", "saved", "likes", "comments", "shares", "total_interactions"];
          const wrong = metrics.find((m) => !allowed.includes(m));
          if (wrong) return invalidParam(`metric[${metrics.indexOf(wrong)}] must be one of the following values: ${allowed.join(", ")}`);
          return json(200, {
            data: metrics.map((name) => ({
              name,
              period: "lifetime",
              values: [{ value: postCounter(media.id, name, media.receivedAt) }],
              id: `${media.id}/insights/${name}/lifetime`,
            })),
          });
        }
        const bad = igUser(g, id!);
        if (bad) return bad;
        // impressions (and plays, video_views) were removed in 2025: asking for them is an error.
        const allowed = [
          "reach",
          "follower_count",
          "views",
          "likes",
          "comments",
          "shares",
          "saves",
          "replies",
          "accounts_engaged",
          "total_interactions",
        ];
        const wrong = metrics.find((m) => !allowed.includes(m));
        if (wrong) return invalidParam(`metric[${metrics.indexOf(wrong)}] must be one of the following values: ${allowed.join(", ")}`);
        if (p.get("period") !== "day") return invalidParam("period must be day");
        const since = Number(p.get("since")) * 1000;
        const until = Number(p.get("until")) * 1000;
        if (!since || !until || until <= since) return invalidParam("since and until must be UNIX timestamps, since before until");
        if (until - since > 30 * 24 * HOUR + 60_000)
          return invalidParam("There cannot be more than 30 days (2592000 s) between since and until");
        const days: string[] = [];
        for (let t = since; t < until; t += 24 * HOUR) days.push(dayOf(t));
        return json(200, {
          data: metrics.map((name) => ({
            name,
            period: "day",
            values: days.map((day) => ({
              value:
                name === "follower_count"
                  ? Math.max(0, followersOn(g.accountId, day) - followersOn(g.accountId, dayOf(Date.parse(day) - 24 * HOUR)))
                  : dailyFigure(g.accountId, name, day, 40),
              end_time: metaTime(Date.parse(`${day}T00:00:00Z`) + 24 * HOUR),
            })),
            title: name,
            id: `${id}/insights/${name}/day`,
          })),
        });
      },
    },
    {
      method: "GET",
      path: "/:id",
      name: "node",
      handle(req, { id }) {
        const g = graphGrant(state, P, req);
        if (isAnswer(g)) return g;
        const fields = (params(req).get("fields") ?? "id").split(",");
        const pick = (all: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(all).filter(([k]) => k === "id" || fields.includes(k)));
        const c = containers(state).get(id!);
        if (c && c.accountId === g.accountId) {
          const status = statusOf(c);
          c.reads += 1;
          return json(200, pick({ id: c.id, ...status }));
        }
        const media = posts.find(id!);
        if (media && media.accountId === g.accountId && !media.replyTo)
          return json(
            200,
            pick({
              id: media.id,
              permalink: permalink(media.id, media.extra?.mediaType),
              caption: media.text,
              timestamp: metaTime(media.receivedAt),
              like_count: postCounter(media.id, "likes", media.receivedAt),
              comments_count: posts.repliesTo(media.id).length,
            }),
          );
        const owner = o.ownerOf(state, id!);
        if (owner === g.accountId) {
          const acc = state.getAccount(P, owner)!;
          return json(
            200,
            pick({
              id,
              user_id: o.igUserIdOf(owner),
              username: acc.username,
              name: acc.name,
              followers_count: followersOn(owner, dayOf(Date.now())),
              media_count: posts.byAccount(owner).filter((p) => !p.replyTo).length,
            }),
          );
        }
        return invalidParam(
          `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
          33,
        );
      },
    },
  ];
}
