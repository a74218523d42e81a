import { isAnswer } from "@/emulator/kit/access";
import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { postCounter } from "@/emulator/kit/metrics";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { createPost, readPost, uploadMedia } from "./posts";
import { appPasswordFor, CATEGORIES, P, requireUser, TAGS, wpError } from "./site";

// A self-hosted WordPress site as the provider sees it, mounted at <emulator>/wordpress (which is
// the site's address, a site in a folder): the api.w.org Link header on its pages, the REST API
// under /wp-json/ (pretty permalinks), application passwords over HTTP Basic, media uploads,
// posts with WordPress's date rule, and its {"code", "message", "data"} errors. Written from
// ../shared/platforms/wordpress.md and developer.wordpress.org/rest-api, never from providers/.

const API = "/wp-json";

const linkHeader = (req: EmuRequest) => ({ link: `<${req.base}${API}/>; rel="https://api.w.org/"` });

function home(req: EmuRequest): EmuResponse {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WordPress (emulator)</title>
<link rel="https://api.w.org/" href="${esc(req.base)}${API}/"></head><body><main><h1>WordPress (emulator)</h1>
<p>This address is the <strong>site address</strong> to type when connecting a WordPress channel.</p>
<ul><li>Username: any login name, such as <code>jane</code>; the user is created on first use.</li>
<li>Application password: the emulator's for that login, e.g. <code>${esc(appPasswordFor("jane"))}</code> for <code>jane</code>
(shown on this page for any login: <code>?login=name</code>).</li></ul></main></body></html>`;
  const login = req.query.get("login");
  const extra = login ? `<p>Application password for <code>${esc(login)}</code>: <code>${esc(appPasswordFor(login))}</code></p>` : "";
  return {
    ...htmlAnswer(200, page.replace("</main>", `${extra}</main>`)),
    headers: { "content-type": "text/html; charset=utf-8", ...linkHeader(req) },
  };
}

function me(state: EmulatorState, req: EmuRequest): EmuResponse {
  const who = requireUser(state, req);
  if (isAnswer(who)) return who;
  const a = who.account;
  const avatar = (s: number) => `https://secure.gravatar.com/avatar/${a.id}?s=${s}&d=mm&r=g`;
  return json(200, {
    id: Number(a.id),
    name: a.name,
    url: "",
    description: "",
    link: `${req.base}/author/${a.username}/`,
    slug: a.username,
    avatar_urls: { 24: avatar(24), 48: avatar(48), 96: avatar(96) },
    ...(req.query.get("context") === "edit"
      ? { username: a.username, roles: ["author"], capabilities: { read: true, edit_posts: true, publish_posts: true, upload_files: true } }
      : {}),
  });
}

function terms(req: EmuRequest, all: { id: number; name: string }[]): EmuResponse {
  const perPage = Number(req.query.get("per_page") ?? 10);
  const page = Number(req.query.get("page") ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    return wpError(400, "rest_invalid_param", "Invalid parameter(s): per_page", {
      params: { per_page: "per_page must be between 1 (inclusive) and 100 (inclusive)" },
    });
  const slice = all.slice((page - 1) * perPage, page * perPage);
  if (page > 1 && !slice.length)
    return wpError(400, "rest_term_invalid_page_number", "The page number requested is larger than the number of pages available.");
  return json(200, slice, { "x-wp-total": String(all.length), "x-wp-totalpages": String(Math.max(1, Math.ceil(all.length / perPage))) });
}

type StoredPost = { slug: string; status: string; title: { raw: string } };

function publicPost(state: EmulatorState, slug: string): EmuResponse {
  const found = state.posts.find((p) => {
    const post = p.extra?.post as StoredPost | undefined;
    return p.platform === P && post?.slug === slug && post.status === "publish";
  });
  if (!found) return htmlAnswer(404, "<!doctype html><title>Page not found</title><p>Page not found</p>");
  const title = (found.extra!.post as StoredPost).title.raw;
  return htmlAnswer(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1><div>${esc(found.text)}</div></main></body></html>`,
  );
}

/** Approved comments of a post: a deterministic count that grows in the post's first hour (kit/metrics.ts), as X-WP-Total. */
function comments(state: EmulatorState, req: EmuRequest): EmuResponse {
  const postId = req.query.get("post");
  if (postId !== null && !/^\d+$/.test(postId))
    return wpError(400, "rest_invalid_param", "Invalid parameter(s): post", { params: { post: "post[0] is not of type integer." } });
  const post = postId === null ? undefined : state.posts.find((p) => p.platform === P && p.id === postId);
  const total = post ? postCounter(post.id, "comments", post.receivedAt) : 0;
  const perPage = Number(req.query.get("per_page") ?? 10);
  const list = Array.from({ length: Math.min(total, perPage) }, (_x, i) => ({ id: i + 1, post: Number(postId) }));
  return json(200, list, { "x-wp-total": String(total), "x-wp-totalpages": String(Math.ceil(total / perPage)) });
}

function routes(state: EmulatorState): Route[] {
  return [
    { method: "GET", path: "/", name: "home", handle: (req) => home(req) },
    {
      method: "HEAD",
      path: "/",
      name: "home",
      handle: (req) => ({ status: 200, headers: { "content-type": "text/html; charset=utf-8", ...linkHeader(req) } }),
    },
    {
      method: "GET",
      path: `${API}/`,
      name: "index",
      handle: (req) =>
        json(
          200,
          {
            name: "Emulated WordPress",
            url: req.base,
            home: req.base,
            namespaces: ["oembed/1.0", "wp/v2", "wp-site-health/v1"],
            authentication: { "application-passwords": { endpoints: { authorization: `${req.base}/wp-admin/authorize-application.php` } } },
          },
          linkHeader(req),
        ),
    },
    { method: "GET", path: `${API}/wp/v2/users/me`, name: "profile", handle: (req) => me(state, req) },
    { method: "GET", path: `${API}/wp/v2/categories`, name: "categories", handle: (req) => terms(req, CATEGORIES) },
    { method: "GET", path: `${API}/wp/v2/tags`, name: "tags", handle: (req) => terms(req, TAGS) },
    { method: "POST", path: `${API}/wp/v2/media`, name: "media", handle: (req) => uploadMedia(state, req) },
    { method: "POST", path: `${API}/wp/v2/posts`, name: "post", handle: (req) => createPost(state, req) },
    { method: "GET", path: `${API}/wp/v2/posts/:id`, name: "read", handle: (req, p) => readPost(state, req, p.id!) },
    { method: "GET", path: `${API}/wp/v2/comments`, name: "comments", handle: (req) => comments(state, req) },
    { method: "GET", path: "/:slug/", name: "web", handle: (_req, p) => publicPost(state, p.slug!) },
  ];
}

const emulator: PlatformEmulator = {
  id: P,
  name: "WordPress",
  notes: `<p>Connect with site address <code>&lt;this emulator&gt;/wordpress</code>, any login name such as <code>jane</code>, and the application password <code>${appPasswordFor("jane")}</code> (each login has its own: see the site's home page).</p>`,
  routes,
  faults: {
    // Core has no rate limits; hosts and security plugins answer 429 with Retry-After, often as a page.
    "rate-limit": ({ retryAfterSeconds }) => ({
      ...htmlAnswer(429, "<!doctype html><title>429 Too Many Requests</title><h1>Too Many Requests</h1>"),
      headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(retryAfterSeconds) },
    }),
    // WordPress's fatal-error handler, as the REST API sends it.
    "server-error": () => wpError(500, "internal_server_error", "<p>There has been a critical error on this website.</p>"),
    "expired-token": () => wpError(401, "incorrect_password", "The provided password is an invalid application password."),
  },
};

export default emulator;
