import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import {
  apiErrors,
  base36,
  httpError,
  limitHeaders,
  PLATFORM,
  requireUser,
  subredditNamed,
  SUBREDDITS,
  userAgentRefusal,
  withWindow,
} from "./support";
import { type Extra, extraOf, linkJson, commentJson, slug, webBase, listingOf } from "./things";
import { assetRoute, s3Route, uploaded, type Assets } from "./media";

// Reddit's OAuth API as its documentation and the fact sheet describe it (../shared/platforms/reddit.md),
// never from providers/. Sign-in at www.reddit.com/api/v1/authorize (duration temporary|permanent
// required, no PKCE), tokens at /api/v1/access_token with HTTP Basic; API calls with a bearer token
// and a descriptive User-Agent. Submissions (POST /api/submit, kinds self|link|image|video|videogif)
// follow each subreddit's rules (allow_images, allow_videos); image posts name a file uploaded
// through the media lease (POST /api/media/asset.json, then the S3 form POST), video and videogif
// posts a video and its required poster image (video_poster_url; PRAW's submit_video), both from
// the lease. Media posts are answered without the post's id, as Reddit does; the post then shows in
// /user/<name>/submitted. Reddit documents no code for a missing poster: the answer is its
// validators' NO_URL naming the field.

const TITLE_MAX = 300;
const SELFTEXT_MAX = 40_000;
const COMMENT_MAX = 10_000;
const KINDS = ["self", "link", "image", "video", "videogif"];

function form(req: EmuRequest): URLSearchParams | EmuResponse {
  if (!(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded"))
    return httpError(400, "Bad Request: send the fields as application/x-www-form-urlencoded");
  const f = req.form();
  // Without api_type=json Reddit answers in its jQuery-callback shape, which no client should read.
  if (f.get("api_type") !== "json") return httpError(400, "Bad Request: api_type=json is required by this emulator");
  return f;
}

function submitRoute(state: EmulatorState, assets: Assets): Route {
  return {
    method: "POST",
    path: "/api/submit",
    name: "post",
    handle(req) {
      const acc = requireUser(state, req, "submit");
      if ("status" in acc) return acc;
      const f = form(req);
      if (f instanceof URLSearchParams === false) return f;
      const srName = (f.get("sr") ?? "").replace(/^\/?r\//i, "");
      if (!srName) return apiErrors(["SUBREDDIT_REQUIRED", "you must specify a subreddit", "sr"]);
      const sr = subredditNamed(srName);
      if (!sr) return apiErrors(["SUBREDDIT_NOEXIST", "that subreddit doesn't exist", "sr"]);
      const title = f.get("title") ?? "";
      if (!title.trim()) return apiErrors(["NO_TEXT", "we need something here", "title"]);
      if ([...title].length > TITLE_MAX) return apiErrors(["TOO_LONG", `this is too long (max: ${TITLE_MAX})`, "title"]);
      const kind = f.get("kind") ?? "";
      if (!KINDS.includes(kind)) return apiErrors(["INVALID_OPTION", "that option is not valid", "kind"]);
      const text = f.get("text") ?? "";
      if ([...text].length > SELFTEXT_MAX) return apiErrors(["TOO_LONG", `this is too long (max: ${SELFTEXT_MAX})`, "text"]);
      if (kind === "self" && sr.submission_type === "link") return apiErrors(["NO_SELFS", "that subreddit doesn't allow text posts", "sr"]);
      if (kind !== "self" && sr.submission_type === "self") return apiErrors(["NO_LINKS", "that subreddit only allows text posts", "sr"]);
      const url = f.get("url") ?? "";
      let asset: string | undefined;
      let poster: string | undefined;
      if (kind !== "self") {
        if (!url) return apiErrors(["NO_URL", "a url is required", "url"]);
        if (!/^https?:\/\/\S+$/.test(url)) return apiErrors(["BAD_URL", "you should check that url", "url"]);
        if (kind === "image" || kind === "video" || kind === "videogif") {
          if (kind === "image" && !sr.allow_images) return apiErrors(["NO_IMAGES", "images are not allowed in this subreddit", "sr"]);
          if (kind !== "image" && !sr.allow_videos) return apiErrors(["NO_VIDEOS", "videos are not allowed in this subreddit", "sr"]);
          const found = uploaded(assets, acc.id, url, kind === "image" ? "image/" : "video/");
          if (typeof found !== "string") return apiErrors([found.code, found.message, "url"]);
          asset = found;
          if (kind !== "image") {
            // A video post names its poster image, uploaded through the same lease (required).
            const posterUrl = f.get("video_poster_url") ?? "";
            if (!posterUrl) return apiErrors(["NO_URL", "a url is required", "video_poster_url"]);
            const p = uploaded(assets, acc.id, posterUrl, "image/");
            if (typeof p !== "string") return apiErrors([p.code, p.message, "video_poster_url"]);
            poster = p;
          }
        }
        const resubmit = f.get("resubmit") !== "false";
        const again = state.posts.some((p) => p.platform === PLATFORM && extraOf(p).url === url && extraOf(p).subreddit === sr.name);
        if (kind === "link" && !resubmit && again) return apiErrors(["ALREADY_SUB", "that link has already been submitted", "url"]);
      }
      const flairId = f.get("flair_id") ?? "";
      if (flairId && !sr.flairs.some((x) => x.id === flairId))
        return apiErrors(["BAD_FLAIR_TEMPLATE_ID", "that flair is not available here", "flair"]);
      if (sr.flairRequired && !flairId)
        return apiErrors(["SUBMIT_VALIDATION_FLAIR_REQUIRED", "Your post must contain post flair.", "flair"]);
      const nsfw = f.get("nsfw");
      if (nsfw !== null && nsfw !== "true" && nsfw !== "false") return apiErrors(["INVALID_OPTION", "nsfw must be true or false", "nsfw"]);

      for (const a of [asset, poster]) if (a) assets.get(a)!.used = true;
      const id = base36(state.nextId());
      const extra: Extra = {
        subreddit: sr.name,
        title,
        kind,
        ...(kind !== "self" ? { url } : {}),
        ...(flairId ? { flair: flairId } : {}),
        created: Date.now(),
        author: acc.username,
        nsfw: nsfw === "true",
      };
      recorded(state, PLATFORM).record({
        id,
        accountId: acc.id,
        text,
        media: [asset, poster].filter((a): a is string => !!a),
        extra: { ...extra, ...(poster ? { poster: f.get("video_poster_url") } : {}) },
      });
      if (asset)
        // Media posts are made asynchronously: no id, only where they will appear.
        return json(200, {
          json: {
            errors: [],
            data: {
              user_submitted_page: `${webBase(req)}/user/${acc.username}/submitted/`,
              websocket_url: `wss://ws.redditmedia.com/rte_images/${id}`,
            },
          },
        });
      return json(200, {
        json: {
          errors: [],
          data: { url: `${webBase(req)}/r/${sr.name}/comments/${id}/${slug(title)}/`, drafts_count: 0, id, name: `t3_${id}` },
        },
      });
    },
  };
}

function commentRoute(state: EmulatorState): Route {
  return {
    method: "POST",
    path: "/api/comment",
    name: "comment",
    handle(req) {
      const acc = requireUser(state, req, "submit");
      if ("status" in acc) return acc;
      const f = form(req);
      if (f instanceof URLSearchParams === false) return f;
      const thing = f.get("thing_id") ?? "";
      const m = /^(t3|t1)_([a-z0-9]+)$/.exec(thing);
      const rec = recorded(state, PLATFORM);
      const target = m ? rec.find(m[2]!) : undefined;
      if (!m || !target) return apiErrors(["DELETED_LINK", "the link you are commenting on has been deleted", "parent"]);
      const text = f.get("text") ?? "";
      if (!text.trim()) return apiErrors(["NO_TEXT", "we need something here", "text"]);
      if ([...text].length > COMMENT_MAX) return apiErrors(["TOO_LONG", `this is too long (max: ${COMMENT_MAX})`, "text"]);
      // A comment belongs to its post: the post itself, or the post of the comment it answers.
      const postId = m[1] === "t3" ? target.id : target.replyTo!;
      const post = rec.find(postId)!;
      const id = base36(state.nextId());
      const c = rec.record({
        id,
        accountId: acc.id,
        text,
        media: [],
        replyTo: postId,
        extra: { subreddit: extraOf(post).subreddit, created: Date.now(), author: acc.username, parent: thing },
      });
      return json(200, { json: { errors: [], data: { things: [commentJson(c)] } } });
    },
  };
}

function userListing(state: EmulatorState, what: "submitted" | "comments"): Route {
  return {
    method: "GET",
    path: `/user/:name/${what}`,
    name: what,
    handle(req, params) {
      const acc = requireUser(state, req, "read");
      if ("status" in acc) return acc;
      const limit = Math.min(100, Number(req.query.get("limit") ?? 25) || 25);
      const mine = state.posts
        .filter((p) => p.platform === PLATFORM && extraOf(p).author?.toLowerCase() === params.name!.toLowerCase())
        .filter((p) => (what === "comments" ? p.replyTo !== undefined : p.replyTo === undefined))
        .sort((a, b) => b.receivedAt - a.receivedAt)
        .slice(0, limit);
      return json(200, listingOf(mine.map((p) => (what === "comments" ? commentJson(p) : linkJson(req, state, p)))));
    },
  };
}

function get(
  path: string,
  name: string,
  scope: string,
  state: EmulatorState,
  answer: (req: EmuRequest, acc: Account, p: Record<string, string>) => EmuResponse,
): Route {
  return {
    method: "GET",
    path,
    name,
    handle(req, params) {
      const acc = requireUser(state, req, scope);
      if ("status" in acc) return acc;
      return answer(req, acc, params);
    },
  };
}

function apiRoutes(state: EmulatorState, assets: Assets): Route[] {
  const srJson = (s: (typeof SUBREDDITS)[number]) => ({
    kind: "t5",
    data: {
      display_name: s.name,
      display_name_prefixed: `r/${s.name}`,
      title: s.title,
      submission_type: s.submission_type,
      allow_images: s.allow_images,
      allow_videos: s.allow_videos,
      subreddit_type: "public",
      user_is_banned: false,
      user_is_subscriber: true,
    },
  });
  return [
    get("/api/v1/me", "profile", "identity", state, (req, acc) =>
      json(200, {
        id: base36(String(parseInt(acc.id.replace(/\D/g, "").slice(0, 12) || "1", 10))),
        name: acc.username,
        icon_img: `${req.base}/avatars/${acc.username}.png?width=256&amp;s=abc`,
        link_karma: 1,
        comment_karma: 1,
      }),
    ),
    get("/subreddits/mine/:where", "subreddits", "mysubreddits", state, (_req, _acc, p) => {
      if (p.where === "subscriber") return json(200, listingOf(SUBREDDITS.map(srJson)));
      if (p.where === "moderator" || p.where === "contributor") return json(200, listingOf([]));
      return httpError(404, "Not Found");
    }),
    get("/r/:sr/about", "about", "read", state, (_req, _acc, p) => {
      const s = subredditNamed(p.sr!);
      return s ? json(200, srJson(s)) : httpError(404, "Not Found");
    }),
    get("/api/v1/:sr/post_requirements", "requirements", "submit", state, (_req, _acc, p) => {
      const s = subredditNamed(p.sr!);
      if (!s) return httpError(404, "Not Found");
      return json(200, {
        is_flair_required: s.flairRequired,
        title_text_min_length: null,
        title_text_max_length: null,
        title_required_strings: [],
        title_blacklisted_strings: [],
        body_restriction_policy: s.submission_type === "link" ? "notAllowed" : "none",
        body_text_min_length: null,
        body_text_max_length: null,
        domain_whitelist: [],
        domain_blacklist: [],
      });
    }),
    get("/r/:sr/api/link_flair_v2", "flairs", "flair", state, (_req, _acc, p) => {
      const s = subredditNamed(p.sr!);
      if (!s) return httpError(404, "Not Found");
      return json(
        200,
        s.flairs.map((f) => ({ id: f.id, text: f.text, text_editable: false, type: "text", mod_only: false })),
      );
    }),
    get("/api/info", "info", "read", state, (req) => {
      const ids = (req.query.get("id") ?? "").split(",").filter(Boolean);
      const rec = recorded(state, PLATFORM);
      const found = ids.map((n) => rec.find(n.replace(/^t3_/, ""))).filter((p): p is RecordedPost => !!p && !p.replyTo);
      return json(200, listingOf(found.map((p) => linkJson(req, state, p))));
    }),
    userListing(state, "submitted"),
    userListing(state, "comments"),
    assetRoute(state, assets),
    submitRoute(state, assets),
    commentRoute(state),
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Reddit",
  notes: `<p>Sign in at <code>/reddit/api/v1/authorize</code> (duration=permanent gives a refresh token). Every account is subscribed to ${SUBREDDITS.map((s) => `r/${s.name}`).join(", ")}: the second requires flair, the third takes text posts only. API calls need a User-Agent like <code>web:app:v1.0 (by /u/name)</code>.</p>`,
  routes(state) {
    const assets: Assets = new Map();
    const authorize = authorizeRoute(state, {
      platform: PLATFORM,
      platformName: "Reddit",
      path: "/api/v1/authorize",
      pkceRequired: false,
      scopeSeparator: /[\s,]+/,
    });
    return [
      {
        ...authorize,
        // duration is required: temporary (no refresh token) or permanent.
        handle(req, params) {
          const duration = req.query.get("duration");
          if (duration !== "temporary" && duration !== "permanent")
            return {
              status: 400,
              headers: { "content-type": "text/html" },
              body: "<h1>invalid request</h1><p>duration must be temporary or permanent</p>",
            };
          return authorize.handle(req, params);
        },
      },
      withUserAgent(
        tokenRoute(state, {
          platform: PLATFORM,
          path: "/api/v1/access_token",
          clientAuth: "basic",
          refresh: true,
          scopeSeparator: " ",
          // A bad or used code: HTTP 200 {"error": "invalid_grant"}; a bad refresh token: 400 invalid_request;
          // wrong client credentials: 401 {"message": "Unauthorized", "error": 401}.
          error: (status, error, description) => {
            if (status === 401) return httpError(401, "Unauthorized");
            if (error === "invalid_grant" && /refresh token/i.test(description)) return json(400, { error: "invalid_request" });
            if (error === "invalid_grant") return json(200, { error: "invalid_grant" });
            return json(status, { error });
          },
        }),
      ),
      ...apiRoutes(state, assets).map((r) => withWindow(state, r)),
      s3Route(state, assets),
    ];
  },
  faults: {
    "expired-token": () => httpError(401, "Unauthorized"),
    "missing-scope": () => httpError(403, "Forbidden"),
    "rate-limit": ({ retryAfterSeconds }) => ({
      ...httpError(429, "Too Many Requests"),
      headers: { ...limitHeaders(1000, Date.now() + retryAfterSeconds * 1000), "x-ratelimit-remaining": "0.0" },
    }),
    "server-error": () => httpError(500, "Internal Server Error"),
    duplicate: () => apiErrors(["ALREADY_SUB", "that link has already been submitted", "url"]),
  },
};

function withUserAgent(route: Route): Route {
  return { ...route, handle: (req, params) => userAgentRefusal(req) ?? route.handle(req, params) };
}

export default emulator;
