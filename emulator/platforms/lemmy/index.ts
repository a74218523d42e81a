import { slidingWindow } from "@/emulator/kit/rate-limit";
import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { jwtFor, lemmyError, passwordOf, personId, personJson, PLATFORM, requireUser, TOTP_CODE, userOf, utf16 } from "./support";

// A Lemmy 0.19 instance (HTTP API v3) as the fact sheet and lemmy-js-client's types describe it
// (../shared/platforms/lemmy.md), never from providers/. Login with username and password (and a
// 2FA code where enabled) answers a JWT; communities are listed, looked up by name, or resolved
// from their home instance; posts (title 3–200 characters on one line, body ≤ 50,000 and comments
// ≤ 10,000 UTF-16 units, URL ≤ 2,000, alt text ≤ 1,500) and comments are validated as
// validation.rs does; images go to pict-rs at /pictrs/image. Rate limits are per IP and configured
// per instance; this instance allows 100 posts and 100 comments per 600 s and says so in /site.

const TITLE = { min: 3, max: 200 };
const BODY_MAX = 50_000;
const COMMENT_MAX = 10_000;
const URL_MAX = 2000;
const ALT_MAX = 1500;
const LIMITS = { post: 100, post_per_second: 600, comment: 100, comment_per_second: 600, image: 100, image_per_second: 3600 };

type Community = { id: number; name: string; title: string; modsOnly: boolean; home?: string };
/** Local communities, and one on another instance this one has not fetched until resolve_object. */
const COMMUNITIES: Community[] = [
  { id: 2, name: "postmill", title: "Postmill sandbox", modsOnly: false },
  { id: 3, name: "announcements", title: "Announcements (moderators only)", modsOnly: true },
];
const REMOTE: Community = { id: 4, name: "technology", title: "Technology", modsOnly: false, home: "https://lemmy.world" };

type Extra = { community_id: number; name?: string; url?: string; nsfw?: boolean; alt_text?: string; published: string; creator: string };
const ex = (p: RecordedPost) => (p.extra ?? {}) as Partial<Extra>;

function communityJson(req: EmuRequest, c: Community) {
  return {
    id: c.id,
    name: c.name,
    title: c.title,
    removed: false,
    deleted: false,
    nsfw: false,
    actor_id: c.home ? `${c.home}/c/${c.name}` : `${req.base}/c/${c.name}`,
    local: !c.home,
    hidden: false,
    posting_restricted_to_mods: c.modsOnly,
    instance_id: c.home ? 2 : 1,
    visibility: "Public",
  };
}
const communityView = (req: EmuRequest, c: Community) => ({
  community: communityJson(req, c),
  subscribed: "Subscribed",
  blocked: false,
  counts: { community_id: c.id, subscribers: 10, posts: 0, comments: 0 },
  banned_from_community: false,
});

function postViewOf(req: EmuRequest, state: EmulatorState, p: RecordedPost, creator: Account | undefined) {
  const e = ex(p);
  const c = [...COMMUNITIES, REMOTE].find((x) => x.id === e.community_id)!;
  const comments = recorded(state, PLATFORM).repliesTo(p.id).length;
  const score = 1 + postCounter(p.id, "likes", p.receivedAt);
  return {
    post: {
      id: Number(p.id),
      name: e.name,
      url: e.url ?? null,
      body: p.text || null,
      creator_id: creator ? personId(creator) : 0,
      community_id: e.community_id,
      removed: false,
      locked: false,
      published: e.published,
      deleted: false,
      nsfw: !!e.nsfw,
      ap_id: `${req.base}/post/${p.id}`,
      local: true,
      alt_text: e.alt_text ?? null,
      language_id: 0,
    },
    creator: creator ? personJson(req, creator) : null,
    community: communityJson(req, c),
    counts: { post_id: Number(p.id), comments, score, upvotes: score, downvotes: 0, published: e.published },
    subscribed: "NotSubscribed",
    saved: false,
    read: false,
    my_vote: 1,
  };
}

function commentViewOf(req: EmuRequest, p: RecordedPost) {
  const e = ex(p);
  return {
    comment: {
      id: Number(p.id),
      creator_id: 0,
      post_id: Number(p.replyTo),
      content: p.text,
      removed: false,
      published: e.published,
      deleted: false,
      ap_id: `${req.base}/comment/${p.id}`,
      local: true,
      path: `0.${p.id}`,
      distinguished: false,
      language_id: 0,
    },
    counts: { comment_id: Number(p.id), score: 1, upvotes: 1, downvotes: 0, child_count: 0 },
  };
}

function body(req: EmuRequest): Record<string, unknown> | EmuResponse {
  if (!(req.headers["content-type"] ?? "").includes("application/json")) return lemmyError(400, "unknown", "Content type error");
  try {
    const b = req.json();
    return b && typeof b === "object" ? b : lemmyError(400, "unknown", "Json deserialize error");
  } catch {
    return lemmyError(400, "unknown", "Json deserialize error");
  }
}
const isAnswer = (v: unknown): v is EmuResponse => !!v && typeof (v as EmuResponse).status === "number";

function isUrl(v: string): boolean {
  try {
    return ["http:", "https:", "magnet:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

function routes(state: EmulatorState): Route[] {
  const rec = recorded(state, PLATFORM);
  const seq = { n: 100 };
  const nextId = () => String(++seq.n);
  const windows = new Map<string, number[]>();
  const resolved = new Set<number>();
  const images = new Map<string, { accountId: string; used: boolean }>();
  const known = (id: number) => COMMUNITIES.find((c) => c.id === id) ?? (resolved.has(REMOTE.id) && id === REMOTE.id ? REMOTE : undefined);

  /** Per-IP windows as Lemmy counts them (each instance configures its own); 429 rate_limit_error past them. */
  const limited = (kind: "post" | "comment" | "image", req: EmuRequest): EmuResponse | undefined => {
    if (!state.rateLimits) return undefined;
    const key = `${kind}:${req.headers["x-forwarded-for"] ?? "127.0.0.1"}`;
    const w = slidingWindow(windows.get(key) ?? [], LIMITS[kind], LIMITS[`${kind}_per_second`]);
    windows.set(key, w.kept);
    return w.resetAt ? lemmyError(429, "rate_limit_error") : undefined;
  };

  return [
    {
      method: "POST",
      path: "/api/v3/user/login",
      name: "login",
      handle(req) {
        const b = body(req);
        if (isAnswer(b)) return b;
        const username = typeof b.username_or_email === "string" ? b.username_or_email.trim() : "";
        const password = typeof b.password === "string" ? b.password : "";
        if (!username || !password) return lemmyError(400, "unknown", "missing field");
        if (password !== passwordOf(username)) return lemmyError(401, "incorrect_login");
        if (username.includes("2fa")) {
          if (!b.totp_2fa_token) return lemmyError(400, "missing_totp_token");
          if (b.totp_2fa_token !== TOTP_CODE) return lemmyError(400, "incorrect_totp_token");
        }
        const acc = state.account(PLATFORM, username);
        const t = state.issueTokens(PLATFORM, acc.id, "lemmy-login", [], false);
        return json(200, {
          jwt: jwtFor(t.accessToken, acc.id, new URL(req.base).host),
          registration_created: false,
          verify_email_sent: false,
        });
      },
    },
    {
      method: "GET",
      path: "/api/v3/site",
      name: "site",
      handle(req) {
        const acc = userOf(state, req);
        return json(200, {
          site_view: { site: { id: 1, name: "Postmill emulator", actor_id: `${req.base}/` }, local_site_rate_limit: LIMITS },
          admins: [],
          version: "0.19.13",
          ...(acc ? { my_user: { local_user_view: { person: personJson(req, acc), local_user: {}, counts: {} }, follows: [] } } : {}),
        });
      },
    },
    {
      method: "GET",
      path: "/api/v3/community/list",
      name: "communities",
      handle(req) {
        const type = req.query.get("type_") ?? "All";
        if (type === "Subscribed" && !userOf(state, req)) return lemmyError(400, "not_logged_in");
        const list = type === "All" && resolved.has(REMOTE.id) ? [...COMMUNITIES, REMOTE] : COMMUNITIES;
        return json(200, { communities: list.map((c) => communityView(req, c)) });
      },
    },
    {
      method: "GET",
      path: "/api/v3/community",
      name: "community",
      handle(req) {
        const id = Number(req.query.get("id") ?? NaN);
        const name = req.query.get("name") ?? "";
        const host = new URL(req.base).host;
        const [local, at] = name.split("@");
        const c = Number.isFinite(id)
          ? known(id)
          : at === undefined || at === host
            ? COMMUNITIES.find((x) => x.name === local)
            : resolved.has(REMOTE.id) && `${REMOTE.name}@${new URL(REMOTE.home!).host}` === name
              ? REMOTE
              : undefined;
        if (!c) return lemmyError(404, "couldnt_find_community");
        return json(200, { community_view: communityView(req, c), moderators: [], discussion_languages: [] });
      },
    },
    {
      method: "GET",
      path: "/api/v3/resolve_object",
      name: "resolve",
      handle(req) {
        // Only signed-in calls fetch from other instances.
        if (!userOf(state, req)) return lemmyError(400, "not_logged_in");
        const q = (req.query.get("q") ?? "").replace(/^!/, "");
        if (q === `${REMOTE.name}@${new URL(REMOTE.home!).host}` || q === `${REMOTE.home}/c/${REMOTE.name}`) {
          resolved.add(REMOTE.id);
          return json(200, { community: communityView(req, REMOTE) });
        }
        return lemmyError(404, "couldnt_find_object");
      },
    },
    {
      method: "POST",
      path: "/pictrs/image",
      name: "media",
      async handle(req) {
        const acc = userOf(state, req);
        if (!acc) return lemmyError(400, "not_logged_in");
        const over = limited("image", req);
        if (over) return over;
        const type = req.headers["content-type"] ?? "";
        if (!type.startsWith("multipart/form-data")) return json(400, { msg: "no multipart body" });
        const fd = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
        const file = fd?.get("images[]");
        if (!(file instanceof Blob) || !file.size) return json(400, { msg: 'the image must be in the form field "images[]"' });
        if (!file.type.startsWith("image/")) return json(400, { msg: "not an image" });
        const name = `${state.nextId()}.${file.type.split("/")[1]}`;
        images.set(name, { accountId: acc.id, used: false });
        state.media.set(name, { platform: PLATFORM, accountId: acc.id, mimeType: file.type, size: file.size });
        return json(201, { msg: "ok", files: [{ file: name, delete_token: `del-${name}` }] });
      },
    },
    {
      method: "POST",
      path: "/api/v3/post",
      name: "post",
      handle(req) {
        const acc = requireUser(state, req);
        if ("status" in acc) return acc;
        const b = body(req);
        if (isAnswer(b)) return b;
        const name = typeof b.name === "string" ? b.name.trim() : "";
        if (/[\r\n]/.test(name) || [...name].length < TITLE.min || [...name].length > TITLE.max)
          return lemmyError(400, "invalid_post_title");
        if (typeof b.community_id !== "number") return lemmyError(400, "unknown", "community_id: invalid type");
        const c = known(b.community_id);
        if (!c) return lemmyError(404, "couldnt_find_community");
        if (c.modsOnly) return lemmyError(400, "only_mods_can_post_in_community");
        const text = b.body === undefined || b.body === null ? "" : b.body;
        if (typeof text !== "string" || utf16(text) > BODY_MAX) return lemmyError(400, "invalid_body_field");
        const url = b.url === undefined || b.url === null ? undefined : b.url;
        if (url !== undefined && (typeof url !== "string" || !isUrl(url))) return lemmyError(400, "invalid_url");
        if (typeof url === "string" && url.length > URL_MAX) return lemmyError(400, "url_length_overflow");
        if (b.alt_text !== undefined && (typeof b.alt_text !== "string" || [...b.alt_text].length > ALT_MAX))
          return lemmyError(400, "alt_text_length_overflow");
        if (b.nsfw !== undefined && typeof b.nsfw !== "boolean") return lemmyError(400, "unknown", "nsfw: invalid type");
        const over = limited("post", req);
        if (over) return over;
        const file =
          typeof url === "string" && url.startsWith(`${req.base}/pictrs/image/`)
            ? url.slice(`${req.base}/pictrs/image/`.length)
            : undefined;
        if (file && images.get(file)?.accountId !== acc.id) return lemmyError(400, "invalid_url");
        if (file) images.get(file)!.used = true;
        const p = rec.record({
          id: nextId(),
          accountId: acc.id,
          text,
          media: file ? [file] : [],
          extra: {
            community_id: c.id,
            name,
            ...(url ? { url } : {}),
            nsfw: b.nsfw === true,
            ...(typeof b.alt_text === "string" ? { alt_text: b.alt_text } : {}),
            published: new Date().toISOString(),
            creator: acc.id,
          },
        });
        return json(200, { post_view: postViewOf(req, state, p, acc) });
      },
    },
    {
      method: "POST",
      path: "/api/v3/comment",
      name: "comment",
      handle(req) {
        const acc = requireUser(state, req);
        if ("status" in acc) return acc;
        const b = body(req);
        if (isAnswer(b)) return b;
        const content = typeof b.content === "string" ? b.content : "";
        if (!content.trim() || utf16(content) > COMMENT_MAX) return lemmyError(400, "invalid_body_field");
        const post = typeof b.post_id === "number" ? rec.find(String(b.post_id)) : undefined;
        if (!post || post.replyTo) return lemmyError(404, "couldnt_find_post");
        const over = limited("comment", req);
        if (over) return over;
        const c = rec.record({
          id: nextId(),
          accountId: acc.id,
          text: content,
          media: [],
          replyTo: post.id,
          extra: { published: new Date().toISOString(), creator: acc.id },
        });
        return json(200, { comment_view: commentViewOf(req, c), recipient_ids: [] });
      },
    },
    {
      method: "GET",
      path: "/api/v3/post",
      name: "post-read",
      handle(req) {
        const p = rec.find(req.query.get("id") ?? "");
        if (!p || p.replyTo) return lemmyError(404, "couldnt_find_post");
        return json(200, {
          post_view: postViewOf(req, state, p, state.getAccount(PLATFORM, p.accountId)),
          community_view: null,
          moderators: [],
          cross_posts: [],
        });
      },
    },
    {
      method: "GET",
      path: "/api/v3/user",
      name: "person",
      handle(req) {
        const pid = Number(req.query.get("person_id") ?? NaN);
        const username = req.query.get("username");
        const acc = [...state.accounts.values()].find(
          (a) => a.id.startsWith(`${PLATFORM}-`) && (personId(a) === pid || a.username === username),
        );
        if (!acc) return lemmyError(404, "couldnt_find_person");
        const limit = Math.min(50, Number(req.query.get("limit") ?? 10) || 10);
        const mine = rec.byAccount(acc.id).sort((a, b) => b.receivedAt - a.receivedAt);
        return json(200, {
          person_view: {
            person: personJson(req, acc),
            counts: {
              person_id: personId(acc),
              post_count: mine.filter((p) => !p.replyTo).length,
              comment_count: mine.filter((p) => p.replyTo).length,
            },
          },
          posts: mine
            .filter((p) => !p.replyTo)
            .slice(0, limit)
            .map((p) => postViewOf(req, state, p, acc)),
          comments: mine
            .filter((p) => p.replyTo)
            .slice(0, limit)
            .map((p) => commentViewOf(req, p)),
          moderates: [],
        });
      },
    },
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Lemmy",
  notes: `<p>Any username logs in with the password <code>&lt;username&gt;-password</code>; usernames containing “2fa” also need the 2FA code <code>${TOTP_CODE}</code>. Communities: <code>!postmill</code>, <code>!announcements</code> (moderators only), and <code>!technology@lemmy.world</code> once resolved.</p>`,
  routes,
  faults: {
    // A JWT the instance no longer accepts is ignored: the call then needs a login.
    "expired-token": () => lemmyError(400, "not_logged_in"),
    "missing-scope": () => lemmyError(400, "only_mods_can_post_in_community"),
    // Lemmy sends no reset header: the window is the instance's configuration (GET /api/v3/site).
    "rate-limit": () => lemmyError(429, "rate_limit_error"),
    "server-error": () => lemmyError(500, "unknown", "Internal server error"),
  },
};

export default emulator;
