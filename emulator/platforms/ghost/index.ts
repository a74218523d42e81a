import { isAnswer } from "@/emulator/kit/access";
import { withHeaders } from "@/emulator/kit/envelope";
import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route, type RouteParams } from "@/emulator/types";
import { browseNewsletters, browsePosts, createPost, siteUrl, uploadImage } from "./content";
import { ghostError } from "./envelope";
import { adminKeyFor, P, requireIntegration, siteOf, type Site } from "./keys";

// Ghost sites as the provider sees them, written from Ghost's Admin API documentation
// (../shared/platforms/ghost.md and docs.ghost.org/admin-api), never from providers/. Any
// <emulator>/ghost/<name> is a site in a subdirectory (its API at …/<name>/ghost/api/admin/), each
// with one custom integration whose Admin API key its Ghost Admin page (…/<name>/ghost/) shows.
// The root site's Admin API URL is the emulator itself: its API, <emulator>/ghost/api/admin/, is
// where this platform's routes are mounted, so typing <emulator>/ghost reaches it too.

const API = "/ghost/api/admin";
/** The root site's API below the platform's mount point (<emulator>/ghost). */
const ROOT_API = "/api/admin";

/** The site's Ghost Admin page, reduced to what a user copies from Settings → Integrations. */
function adminPage(req: EmuRequest, site: Site): EmuResponse {
  const url = siteUrl(req, site).replace(/\/$/, "");
  return htmlAnswer(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ghost Admin (emulator)</title></head><body><main>
<h1>${esc(site.name || "Ghost")} — Integrations (emulator)</h1><p>Custom integration “Postmill”:</p>
<dl><dt>Admin API URL</dt><dd><code>${esc(url)}</code></dd><dt>Admin API key</dt><dd><code>${esc(adminKeyFor(site.name))}</code></dd></dl>
</main></body></html>`,
  );
}

function publicPage(state: EmulatorState, site: Site, slug: string): EmuResponse {
  const post = recorded(state, P)
    .byAccount(site.accountId)
    .find((p) => (p.extra as { slug?: string; status?: string }).slug === slug && (p.extra as { status?: string }).status === "published");
  if (!post) return htmlAnswer(404, "<!doctype html><title>Page not found</title><p>Page not found</p>");
  const x = post.extra as { title: string; html: string };
  // The body was sanitised by the sender; the emulator shows its text only.
  return htmlAnswer(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(x.title)}</title></head><body><article><h1>${esc(x.title)}</h1><p>${esc(post.text)}</p></article></body></html>`,
  );
}

type Handler = (req: EmuRequest, site: Site, params: RouteParams) => EmuResponse | Promise<EmuResponse>;

/** An authenticated Admin API call: the integration's token first, then the work. */
const authed =
  (state: EmulatorState, work: (req: EmuRequest, site: Site) => EmuResponse | Promise<EmuResponse>): Handler =>
  (req, site) => {
    const grant = requireIntegration(state, req, site);
    return isAnswer(grant) ? grant : work(req, site);
  };

function routes(state: EmulatorState): Route[] {
  const endpoints: { method: string; path: string; name: string; handle: Handler }[] = [
    // Public: a client reads it before it has a key (docs: "Site", an unauthenticated endpoint).
    {
      method: "GET",
      path: `${API}/site/`,
      name: "site",
      handle: (req, site) =>
        json(200, {
          site: {
            title: site.name ? `${site.name} (Ghost emulator)` : "Ghost emulator",
            description: "A Ghost site emulated for Postmill",
            logo: null,
            // "A relative path" (docs): from the domain's root, so a subdirectory site's includes it.
            icon: `${new URL(siteUrl(req, site)).pathname}content/images/icon.png`,
            accent_color: "#15171a",
            url: siteUrl(req, site),
            version: "6.0",
          },
        }),
    },
    { method: "GET", path: `${API}/posts/`, name: "posts", handle: authed(state, (req, site) => browsePosts(state, req, site)) },
    { method: "POST", path: `${API}/posts/`, name: "post", handle: authed(state, (req, site) => createPost(state, req, site)) },
    { method: "POST", path: `${API}/images/upload/`, name: "media", handle: authed(state, (req, site) => uploadImage(state, req, site)) },
    { method: "GET", path: `${API}/newsletters/`, name: "newsletters", handle: authed(state, (req, site) => browseNewsletters(req, site)) },
    { method: "GET", path: "/ghost/", name: "admin", handle: (req, site) => adminPage(req, site) },
    { method: "GET", path: "/:slug/", name: "web", handle: (_req, site, p) => publicPage(state, site, p.slug!) },
  ];
  // Each endpoint at the root site and under a named one; the patterns' segment counts differ, so
  // neither shadows the other.
  return endpoints.flatMap((e) => [
    {
      method: e.method,
      path: e.path.startsWith(API) ? ROOT_API + e.path.slice(API.length) : e.path,
      name: e.name,
      handle: (req: EmuRequest, p: RouteParams) => e.handle(req, siteOf(undefined), p),
    },
    {
      method: e.method,
      path: `/:site${e.path}`,
      name: e.name,
      handle: (req: EmuRequest, p: RouteParams) => e.handle(req, siteOf(p.site), p),
    },
  ]);
}

const minutes = (s: number) => (s < 90 ? "a minute" : s < 5400 ? `${Math.round(s / 60)} minutes` : `${Math.round(s / 3600)} hours`);

const emulator: PlatformEmulator = {
  id: P,
  name: "Ghost",
  notes: `<p>Connect with Admin API URL <code>&lt;this emulator&gt;/ghost</code> and the Admin API key <code>${adminKeyFor("")}</code>, or <code>&lt;this emulator&gt;/ghost/&lt;any name&gt;</code> for another site, with the key its Ghost Admin page (<code>…/ghost/&lt;name&gt;/ghost/</code>) shows.</p>`,
  routes,
  faults: {
    "expired-token": () => ghostError(401, "UnauthorizedError", "Invalid token: jwt expired", { code: "INVALID_JWT" }),
    "missing-scope": () => ghostError(403, "NoPermissionError", "You do not have permission to perform this action"),
    // Ghost's brute-force limiter (express-brute) says when in its message; the proxy in front adds Retry-After.
    "rate-limit": ({ retryAfterSeconds }) =>
      withHeaders(ghostError(429, "TooManyRequestsError", `Too many attempts try again in ${minutes(retryAfterSeconds)}`), {
        "retry-after": String(retryAfterSeconds),
      }),
    "server-error": () => ghostError(500, "InternalServerError", "An unexpected error occurred, please try again."),
  },
};

export default emulator;
