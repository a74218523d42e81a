import { withHeaders } from "@/emulator/kit/envelope";
import { fetchMedia, type MediaFetch } from "@/emulator/kit/fetch-media";
import { authorizeRoute, clientSecretFor } from "@/emulator/kit/oauth";
import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import type { EmuRequest, EmuResponse, PlatformEmulator, Route } from "@/emulator/types";
import { bizError, fieldsParam, grantOf, invalid, isAnswer, jsonBody, ok, ownBusiness, PLATFORM, V } from "./support";

// TikTok API for Business v1.3, TikTok Accounts (../shared/platforms/tiktok-business.md, from the
// SDKs that quote its parameter tables), never from providers/: the authorize page (client_key),
// JSON token calls with auth_code, /business/get/ (profile and totals), /business/video/settings/,
// video and photo publishing by URL (TikTok pulls the files; no byte upload), publish status
// (PROCESSING_DOWNLOAD → PUBLISH_COMPLETE, post ids for public posts only) and the video list.

const PRIVACY = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];
const SETTINGS = { comment_disabled: false, duet_disabled: false, stitch_disabled: false, max_video_post_duration_sec: 600 };
const SCOPES_NEEDED = { publish: "video.publish", list: "video.list" };

// §3: what TikTok takes once downloaded (photos: JPEG or WebP, no PNG).
const TYPES = { video: ["video/mp4", "video/quicktime", "video/webm"], photo: ["image/jpeg", "image/webp"] };

/**
 * TikTok downloads each file once the publish is accepted (PROCESSING_DOWNLOAD); a download that
 * fails ends the publish FAILED with its documented reason, a file of the wrong kind with
 * file_format_check_failed.
 */
function failReason(kind: "video" | "photo", fetches: MediaFetch[]): string | undefined {
  if (fetches.some((f) => f.status !== 200 || !f.size)) return kind === "video" ? "video_pull_failed" : "photo_pull_failed";
  if (fetches.some((f) => !f.ok || !TYPES[kind].includes(f.sniffedType ?? ""))) return "file_format_check_failed";
  return undefined;
}

const isUrl = (u: unknown) => typeof u === "string" && /^https?:\/\/\S+$/i.test(u);

function routes(state: EmulatorState): Route[] {
  const posts = recorded(state, PLATFORM);
  const publishes = new Map<
    string,
    { postId: string; accountId: string; reads: number; draft: boolean; visible: boolean; failed?: string }
  >();
  const authorize = authorizeRoute(state, {
    platform: PLATFORM,
    platformName: "TikTok for Business",
    path: "/v2/auth/authorize/",
    pkceRequired: false,
    scopeSeparator: ",",
  });

  const token =
    (refresh: boolean) =>
    (req: EmuRequest): EmuResponse => {
      const b = jsonBody(req);
      if (isAnswer(b)) return b;
      const clientId = typeof b.client_id === "string" ? b.client_id : "";
      if (!clientId || clientSecretFor(state, PLATFORM, clientId) !== b.client_secret)
        return bizError(40001, "client_id or client_secret is invalid");
      const answer = (t: ReturnType<EmulatorState["issueTokens"]>, accountId: string, scopes: string[]) =>
        ok({
          access_token: t.accessToken,
          expires_in: t.expiresIn,
          open_id: accountId,
          refresh_token: t.refreshToken,
          refresh_token_expires_in: 31_536_000,
          scope: scopes.join(","),
          token_type: "Bearer",
        });
      if (!refresh) {
        if (b.grant_type !== "authorization_code") return invalid("grant_type must be authorization_code");
        if (typeof b.auth_code !== "string") return invalid("auth_code is required");
        const code = state.redeemCode(b.auth_code, { clientId, redirectUri: typeof b.redirect_uri === "string" ? b.redirect_uri : "" });
        if (typeof code === "string") return bizError(40002, code);
        return answer(state.issueTokens(PLATFORM, code.accountId, clientId, code.scopes, true), code.accountId, code.scopes);
      }
      if (b.grant_type !== "refresh_token") return invalid("grant_type must be refresh_token");
      const rotated = state.rotate(PLATFORM, typeof b.refresh_token === "string" ? b.refresh_token : "");
      if (typeof rotated === "string") return bizError(40105, "The refresh token is invalid or has expired.");
      const g = state.grants.get(rotated.grantId)!;
      return answer(rotated, g.accountId, g.scopes);
    };

  const publish =
    (kind: "video" | "photo") =>
    async (req: EmuRequest): Promise<EmuResponse> => {
      const grant = grantOf(state, req, SCOPES_NEEDED.publish);
      if (isAnswer(grant)) return grant;
      const b = jsonBody(req);
      if (isAnswer(b)) return b;
      const refused = ownBusiness(grant, typeof b.business_id === "string" ? b.business_id : undefined);
      if (refused) return refused;
      const info = b.post_info;
      if (!info || typeof info !== "object") return invalid("post_info is required");
      const p = info as Record<string, unknown>;
      const caption = typeof p.caption === "string" ? p.caption : "";
      let media: string[];
      let visible = true;
      let draft = false;
      if (kind === "video") {
        if (!isUrl(b.video_url)) return invalid("video_url must be an http(s) URL");
        if (caption.length > 2200) return invalid("caption must be at most 2200 UTF-16 characters");
        if ("privacy_level" in p) return invalid("post_info.privacy_level is not a video field");
        media = [b.video_url as string];
        draft = p.upload_to_draft === true;
      } else {
        const images = b.photo_images;
        if (!Array.isArray(images) || !images.length || images.length > 35 || !images.every(isUrl))
          return invalid("photo_images must list 1 to 35 http(s) URLs");
        draft = p.is_draft === true;
        if (!draft && (typeof p.privacy_level !== "string" || !PRIVACY.includes(p.privacy_level)))
          return invalid(`post_info.privacy_level must be one of ${PRIVACY.join(", ")}`);
        if (typeof p.title === "string" && p.title.length > 90) return invalid("title must be at most 90 characters");
        if (caption.length > 4000) return invalid("caption must be at most 4000 characters");
        if (p.is_branded_content === true && p.privacy_level === "SELF_ONLY") return invalid("Branded content cannot be SELF_ONLY");
        visible = p.privacy_level !== "SELF_ONLY";
        media = images as string[];
      }
      for (const k of ["disable_comment", "disable_duet", "disable_stitch", "is_brand_organic", "is_branded_content", "is_ai_generated"])
        if (p[k] !== undefined && typeof p[k] !== "boolean") return invalid(`post_info.${k} must be a boolean`);
      const shareId = `${kind === "video" ? "v" : "p"}_pub_url~v1.${state.nextId()}`;
      const mediaFetches: MediaFetch[] = [];
      for (const url of media) mediaFetches.push(await fetchMedia(url));
      const failed = failReason(kind, mediaFetches);
      const post = posts.record({
        accountId: grant.accountId,
        text: caption,
        media,
        extra: { shareId, kind, draft, post_info: p, status: "PROCESSING_DOWNLOAD", mediaFetches },
      });
      publishes.set(shareId, { postId: post.id, accountId: grant.accountId, reads: 0, draft, visible: visible && !draft, failed });
      return ok({ share_id: shareId });
    };

  const videoOf = (p: RecordedPost, fields: string[]) => {
    const all: Record<string, unknown> = {
      item_id: p.id,
      create_time: Math.floor(p.receivedAt / 1000),
      caption: p.text,
      share_url: `https://www.tiktok.com/@${state.getAccount(PLATFORM, p.accountId)?.username ?? "user"}/video/${p.id}`,
      video_views: postCounter(p.id, "views", p.receivedAt),
      likes: postCounter(p.id, "likes", p.receivedAt),
      comments: postCounter(p.id, "comments", p.receivedAt),
      shares: postCounter(p.id, "shares", p.receivedAt),
      reach: postCounter(p.id, "reach", p.receivedAt),
    };
    return Object.fromEntries((fields.length ? fields : ["item_id"]).filter((f) => f in all).map((f) => [f, all[f]]));
  };

  return [
    {
      ...authorize,
      handle(req, params) {
        const key = req.query.get("client_key");
        if (!key)
          return {
            status: 400,
            headers: { "content-type": "text/html" },
            body: "<h1>Invalid authorization request</h1><p>client_key is required</p>",
          };
        const q = new URLSearchParams(req.query);
        q.set("client_id", key);
        return authorize.handle({ ...req, query: q }, params);
      },
    },
    { method: "POST", path: `${V}/tt_user/oauth2/token/`, name: "token", handle: token(false) },
    { method: "POST", path: `${V}/tt_user/oauth2/refresh_token/`, name: "refresh", handle: token(true) },
    {
      method: "GET",
      path: `${V}/business/get/`,
      name: "account",
      handle(req) {
        const grant = grantOf(state, req, "user.info.basic");
        if (isAnswer(grant)) return grant;
        const refused = ownBusiness(grant, req.query.get("business_id"));
        if (refused) return refused;
        const fields = fieldsParam(req.query);
        if (isAnswer(fields as object)) return fields as EmuResponse;
        const acc = state.getAccount(PLATFORM, grant.accountId)!;
        const mine = posts.byAccount(acc.id);
        const all: Record<string, unknown> = {
          username: acc.username,
          display_name: acc.name,
          profile_image: `${req.base}/avatar/${acc.id}.jpeg`,
          is_business_account: true,
          followers_count: 3400 + (acc.username.length % 9) * 17,
          following_count: 120,
          total_likes: 9800,
          videos_count: mine.length,
        };
        const want = (fields as string[]).length ? (fields as string[]) : ["display_name", "profile_image"];
        return ok(Object.fromEntries(want.filter((f) => f in all).map((f) => [f, all[f]])));
      },
    },
    {
      method: "GET",
      path: `${V}/business/video/settings/`,
      name: "settings",
      handle(req) {
        const grant = grantOf(state, req);
        if (isAnswer(grant)) return grant;
        const refused = ownBusiness(grant, req.query.get("business_id"));
        if (refused) return refused;
        return ok({ privacy_level_options: PRIVACY, ...SETTINGS });
      },
    },
    { method: "POST", path: `${V}/business/video/publish/`, name: "post", handle: publish("video") },
    { method: "POST", path: `${V}/business/photo/publish/`, name: "photo", handle: publish("photo") },
    {
      method: "GET",
      path: `${V}/business/publish/status/`,
      name: "status",
      handle(req) {
        const grant = grantOf(state, req);
        if (isAnswer(grant)) return grant;
        const refused = ownBusiness(grant, req.query.get("business_id"));
        if (refused) return refused;
        const p = publishes.get(req.query.get("publish_id") ?? "");
        if (!p || p.accountId !== grant.accountId) return invalid("publish_id is invalid");
        p.reads++;
        const status = p.reads < 2 ? "PROCESSING_DOWNLOAD" : p.failed ? "FAILED" : p.draft ? "SEND_TO_USER_INBOX" : "PUBLISH_COMPLETE";
        const post = posts.find(p.postId);
        if (post?.extra) post.extra.status = status;
        return ok({
          status,
          post_ids: status === "PUBLISH_COMPLETE" && p.visible ? [p.postId] : [],
          ...(status === "FAILED" ? { reason: p.failed } : {}),
        });
      },
    },
    {
      method: "GET",
      path: `${V}/business/video/list/`,
      name: "video-list",
      handle(req) {
        const grant = grantOf(state, req, SCOPES_NEEDED.list);
        if (isAnswer(grant)) return grant;
        const refused = ownBusiness(grant, req.query.get("business_id"));
        if (refused) return refused;
        const fields = fieldsParam(req.query);
        if (isAnswer(fields as object)) return fields as EmuResponse;
        if ((fields as string[]).length && !(fields as string[]).includes("item_id")) return invalid("fields must include item_id");
        let ids: string[] | undefined;
        const rawFilters = req.query.get("filters");
        if (rawFilters) {
          try {
            const f = JSON.parse(rawFilters) as { video_ids?: unknown };
            if (f.video_ids !== undefined) {
              if (!Array.isArray(f.video_ids) || f.video_ids.length > 20) return invalid("filters.video_ids lists at most 20 ids");
              ids = f.video_ids.map(String);
            }
          } catch {
            return invalid("filters must be JSON");
          }
        }
        const mine = posts.byAccount(grant.accountId).filter((p) => p.extra?.status === "PUBLISH_COMPLETE" && (!ids || ids.includes(p.id)));
        return ok({ videos: mine.slice(0, 20).map((p) => videoOf(p, fields as string[])), cursor: 0, has_more: false });
      },
    },
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "TikTok for Business",
  notes:
    "<p>Sign in through <code>/tiktok-business/v2/auth/authorize/</code> with <code>client_key</code>; API calls take the <code>Access-Token</code> header and answer HTTP 200 with <code>code</code>. Media is downloaded from its URL when a publish is accepted (any http(s) address is taken here); a failed download ends the publish <code>FAILED</code> with <code>video_pull_failed</code>/<code>photo_pull_failed</code>.</p>",
  routes,
  faults: {
    "expired-token": () => bizError(40105, "Access token has expired."),
    "missing-scope": () => bizError(40001, "No permission to operate."),
    // TikTok documents no reset time for 40100; the Retry-After a gateway may add is sent so the wait can be checked.
    "rate-limit": ({ retryAfterSeconds }) =>
      withHeaders(bizError(40100, "Too many requests."), { "retry-after": String(retryAfterSeconds) }),
    "server-error": () => bizError(50002, "Internal service error, please try again later."),
  },
};

export default emulator;
