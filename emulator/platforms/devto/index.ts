import { isAnswer } from "@/emulator/kit/access";
import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { fetchMedia } from "@/emulator/kit/fetch-media";
import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { articlesOf, checkArticle, organizationOf, type Article, type ArticleInput } from "./articles";
import { accountOf, foremError, KEY_PREFIX, P, requireKey } from "./keys";

// DEV (a Forem community) as the provider sees it, mounted at <emulator>/devto (the community's
// address): the Forem API v1 under /api with the api-key header, articles checked as Forem's model
// checks them, the owner's article list with its counters, organizations, Forem's {error, status}
// envelope and Rack::Attack's plain-text 429 with Retry-After.

const V1 = "application/vnd.forem.api-v1+json";
const WRITE_WINDOW_MS = 1000;
const lastWrite = new Map<string, number>();

/** Rack::Attack's throttled answer: 429, plain text, Retry-After in seconds. */
const throttled = (retryAfterSeconds: number): EmuResponse => ({
  status: 429,
  headers: { "content-type": "text/plain", "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  body: "Retry later\n",
});

/**
 * Checks every API call makes: the v1 media type in Accept (v1 routes are matched on it, so a
 * request without it finds none) and a known api-key.
 */
function api(state: EmulatorState, req: EmuRequest, then: (account: Account) => EmuResponse): EmuResponse {
  if (!(req.headers.accept ?? "").includes(V1)) return foremError(404, "not found");
  const grant = requireKey(state, req);
  if (isAnswer(grant)) return grant;
  return then(accountOf(state, grant));
}

/** Forem's write throttle: one POST/PUT/DELETE per second per key. */
function writeAllowed(req: EmuRequest, state: EmulatorState): EmuResponse | undefined {
  if (!state.rateLimits) return undefined;
  const key = req.headers["api-key"] ?? "";
  const now = Date.now();
  const last = lastWrite.get(key);
  if (last !== undefined && now - last < WRITE_WINDOW_MS) return throttled((WRITE_WINDOW_MS - (now - last)) / 1000);
  lastWrite.set(key, now);
  return undefined;
}

const userJson = (a: Account) => ({
  name: a.name,
  username: a.username,
  twitter_username: null,
  github_username: null,
  user_id: Number(a.id),
  website_url: null,
  profile_image: `https://emulator.invalid/devto/avatars/${a.id}.png`,
  profile_image_90: `https://emulator.invalid/devto/avatars/${a.id}.png`,
});

function articleJson(base: string, account: Account, a: Article) {
  const org = a.organizationId ? organizationOf(account) : undefined;
  const path = `/${org ? org.username : account.username}/${a.slug}`;
  return {
    type_of: "article",
    id: a.id,
    title: a.title,
    description: a.description,
    slug: a.slug,
    path,
    url: `${base}${path}`,
    published: a.published,
    published_at: a.publishedAt,
    tag_list: a.tags.join(", "),
    tags: a.tags,
    canonical_url: a.canonicalUrl ?? `${base}${path}`,
    cover_image: a.mainImage ?? null,
    body_markdown: a.body,
    user: userJson(account),
    ...(org ? { organization: { name: org.name, username: org.username, slug: org.username } } : {}),
  };
}

async function createArticle(state: EmulatorState, req: EmuRequest): Promise<EmuResponse> {
  let account: Account | undefined;
  let input: unknown;
  const early = api(state, req, (a) => {
    account = a;
    const limited = writeAllowed(req, state);
    if (limited) return limited;
    try {
      input = req.json<{ article?: unknown }>().article;
    } catch {
      return foremError(400, "Error occurred while parsing request parameters");
    }
    if (!input || typeof input !== "object" || Array.isArray(input))
      return foremError(
        422,
        `article param must be a JSON object. You provided article as ${input === undefined ? "NilClass" : typeof input}`,
      );
    return { status: 0 };
  });
  if (early.status !== 0 || !account) return early;
  // DEV downloads the cover from main_image (its image service re-hosts it); the emulator does
  // too, and records what it got. A cover it cannot fetch leaves the article without a cover
  // image on the real site, so the create itself still succeeds. Fetched before the checks, so
  // checking and storing the article stay one step (no other create in between).
  const image = (input as ArticleInput).main_image;
  const mediaFetches = typeof image === "string" && /^https?:\/\//.test(image) ? [await fetchMedia(image)] : [];
  const checked = checkArticle(state, account, input as ArticleInput);
  if ("error" in checked) return foremError(422, checked.error);
  const a = checked.article;
  recorded(state, P).record({
    id: String(a.id),
    accountId: account.id,
    text: a.body,
    media: a.mainImage ? [a.mainImage] : [],
    extra: { article: a, mediaFetches },
  });
  return json(201, articleJson(req.base, account, a));
}

/** GET /api/articles/me(/:status): the owner's articles with their counters (deterministic, kit/metrics). */
function myArticles(state: EmulatorState, req: EmuRequest, status = "published"): EmuResponse {
  if (!["published", "unpublished", "all"].includes(status)) return foremError(404, "not found");
  return api(state, req, (account) => {
    const perPage = Math.min(1000, Math.max(1, Number(req.query.get("per_page") ?? 30) || 30));
    const page = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
    const rows = articlesOf(state, account.id)
      .filter(({ article }) => status === "all" || article.published === (status === "published"))
      // Drafts first, newest created first; then published ones, newest first.
      .sort((x, y) => Number(x.article.published) - Number(y.article.published) || y.article.createdAt - x.article.createdAt)
      .slice((page - 1) * perPage, page * perPage);
    return json(
      200,
      rows.map(({ id, receivedAt, article }) => {
        const c = (metric: string) => (article.published ? postCounter(id, metric, receivedAt) : 0);
        const full = articleJson(req.base, account, article);
        return {
          ...full,
          comments_count: c("replies"),
          public_reactions_count: c("likes"),
          positive_reactions_count: c("likes"),
          page_views_count: c("views"),
          reading_time_minutes: Math.max(1, Math.round(article.body.split(/\s+/).length / 275)),
        };
      }),
    );
  });
}

function organization(state: EmulatorState, req: EmuRequest, username: string): EmuResponse {
  if (!(req.headers.accept ?? "").includes(V1)) return foremError(404, "not found");
  const owner = [...state.accounts.values()].find((a) => a.id.match(/^\d+$/) && organizationOf(a).username === username);
  if (!owner || !state.getAccount(P, owner.id)) return foremError(404, "not found");
  const org = organizationOf(owner);
  return json(200, { type_of: "organization", id: org.id, username: org.username, name: org.name, url: `${req.base}/${org.username}` });
}

function webArticle(state: EmulatorState, username: string, slug: string): EmuResponse {
  const post = state.posts.find((p) => p.platform === P && (p.extra?.article as Article | undefined)?.slug === slug);
  const a = post?.extra?.article as Article | undefined;
  if (!post || !a) return htmlAnswer(404, "<!doctype html><title>Not found</title><p>This page does not exist</p>");
  return htmlAnswer(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} - DEV Community (emulator)</title></head><body><main><h1>${esc(a.title)}</h1><p>by ${esc(username)}${a.published ? "" : " (draft)"}</p><pre>${esc(a.body)}</pre></main></body></html>`,
  );
}

function helpPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DEV emulator</title></head><body><main>
<h1>DEV (emulator)</h1><p>This address is the <strong>community</strong> to type when connecting a DEV channel.</p>
<ul><li>API key: <code>${KEY_PREFIX}&lt;username&gt;</code>, e.g. <code>${KEY_PREFIX}jane</code>: the account appears on first use. Any other key is refused with 401 unauthorized.</li>
<li>Articles are checked as Forem checks them: a title (at most 128 characters, not reused within five minutes), at most 4 alphanumeric tags, an http(s) cover and canonical URL.</li>
<li>Writes are limited to one per second per key (429 "Retry later" with Retry-After).</li>
<li>Each account belongs to one organization, <code>&lt;username&gt;_org</code>, and arrives with one article published in it a month ago (Forem names a user's organizations only on their articles).</li></ul></main></body></html>`;
}

function routes(state: EmulatorState): Route[] {
  return [
    { method: "GET", path: "/", name: "help", handle: () => htmlAnswer(200, helpPage()) },
    {
      method: "GET",
      path: "/api/users/me",
      name: "profile",
      handle: (req) =>
        api(state, req, (a) =>
          json(200, {
            type_of: "user",
            id: Number(a.id),
            username: a.username,
            name: a.name,
            twitter_username: null,
            github_username: null,
            summary: null,
            location: null,
            website_url: null,
            joined_at: "Dec  2, 2026",
            profile_image: userJson(a).profile_image,
          }),
        ),
    },
    { method: "POST", path: "/api/articles", name: "post", handle: (req) => createArticle(state, req) },
    { method: "GET", path: "/api/articles/me", name: "articles-me", handle: (req) => myArticles(state, req) },
    { method: "GET", path: "/api/articles/me/:status", name: "articles-me", handle: (req, p) => myArticles(state, req, p.status) },
    {
      method: "GET",
      path: "/api/organizations/:username",
      name: "organization",
      handle: (req, p) => organization(state, req, p.username!),
    },
    { method: "GET", path: "/:username/:slug", name: "web", handle: (_req, p) => webArticle(state, p.username!, p.slug!) },
  ];
}

const emulator: PlatformEmulator = {
  id: P,
  name: "DEV",
  notes: `<p>Connect with community <code>&lt;this emulator&gt;/devto</code> and the API key <code>${KEY_PREFIX}&lt;username&gt;</code>.</p>`,
  routes,
  faults: {
    // Keys do not expire; DEV answers any key it no longer accepts with 401.
    "expired-token": () => foremError(401, "unauthorized"),
    "rate-limit": ({ retryAfterSeconds }) => throttled(retryAfterSeconds),
    "server-error": () => foremError(500, "Internal Server Error"),
    duplicate: () => foremError(422, "Title has already been used in the last five minutes"),
  },
};

export default emulator;
