import type { FetchOptions } from "../social.abstract";
import { ProviderError } from "../core/errors";

// Where a site's REST API is and how to call it. The root is discovered the documented way
// (developer.wordpress.org/rest-api/using-the-rest-api/discovery): every front-end page sends
// `Link: <root>; rel="https://api.w.org/"`, which is https://site/wp-json/ with pretty permalinks
// and https://site/?rest_route=/ without them; a site in a folder has the folder in it.

/** The guarded fetch of the provider (SocialAbstract), so every call goes through the outbound guard. */
export type WpClient = {
  name: string;
  fetch(url: string, init?: RequestInit, opts?: FetchOptions): Promise<Response>;
  fetchJson<T>(url: string, init?: RequestInit, opts?: FetchOptions): Promise<T>;
};

/** A signed-in site: its API root and the Basic credentials (login name and application password). */
export type WpSite = { apiRoot: string; login: string; password: string };

const API_REL = "https://api.w.org/";

/** The API root named by a Link header (several links may share one header), or undefined. */
export function apiRootFromLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (!m) continue;
    const rels = /\brel\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(m[2]!);
    if ((rels?.[1] ?? rels?.[2] ?? "").split(/\s+/).includes(API_REL)) return m[1]!;
  }
  return undefined;
}

/**
 * The URL of `route` ("/wp/v2/posts") under a root, with query parameters: appended to the path for
 * a /wp-json/ root, or as the rest_route parameter for a ?rest_route= root.
 */
export function restUrl(apiRoot: string, route: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(apiRoot);
  const base = url.searchParams.get("rest_route");
  if (base !== null) url.searchParams.set("rest_route", `${base.replace(/\/+$/, "")}${route}`);
  else url.pathname = `${url.pathname.replace(/\/+$/, "")}${route}`;
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

export function basicAuth(site: Pick<WpSite, "login" | "password">): string {
  return `Basic ${Buffer.from(`${site.login}:${site.password}`, "utf8").toString("base64")}`;
}

/** Whether an answer is the API's index (GET root): a JSON object listing the wp/v2 namespace. */
async function isApiIndex(res: Response): Promise<boolean> {
  try {
    const j = (await res.json()) as { namespaces?: unknown };
    return Array.isArray(j.namespaces) && j.namespaces.includes("wp/v2");
  } catch {
    return false;
  }
}

/**
 * The site's API root: the Link header of the site's page (HEAD, then GET for servers that answer
 * HEAD without headers), else the two documented roots tried in turn. Throws a bad-body
 * ProviderError saying the site has no REST API.
 */
export async function discoverApiRoot(client: WpClient, siteUrl: string): Promise<string> {
  const site = siteUrl.replace(/\/+$/, "");
  const tolerant = async (url: string, method: "HEAD" | "GET") => {
    try {
      return await client.fetch(url, { method }, { action: "find the site's REST API", maxRetries: 1 });
    } catch (e) {
      // A refused or unreachable address is the user's to fix: said once, not after three tries.
      if (e instanceof ProviderError && (e.details.transport || (e.kind === "retry" && !e.details.status))) throw e;
      return undefined;
    }
  };
  for (const method of ["HEAD", "GET"] as const) {
    const res = await tolerant(`${site}/`, method);
    const root = apiRootFromLink(res?.headers.get("link") ?? null);
    if (method === "GET") await res?.body?.cancel();
    if (root) return new URL(root, `${site}/`).toString();
  }
  for (const candidate of [`${site}/wp-json/`, `${site}/?rest_route=/`]) {
    const res = await tolerant(candidate, "GET");
    if (res && (await isApiIndex(res))) return candidate;
  }
  throw new ProviderError(
    "bad-body",
    `No WordPress REST API was found at ${site}: the site sent no api.w.org link, and neither /wp-json/ nor ?rest_route=/ answered. Check the address (with its folder, if WordPress lives in one) and that the REST API is not turned off by a plugin`,
  );
}

/** A JSON call to the site as the signed-in user. */
export function wpJson<T>(
  client: WpClient,
  site: WpSite,
  route: string,
  init: RequestInit & { query?: Record<string, string | number | undefined> },
  opts: FetchOptions,
): Promise<T> {
  const { query, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set("authorization", basicAuth(site));
  headers.set("accept", "application/json");
  return client.fetchJson<T>(restUrl(site.apiRoot, route, query), { ...rest, headers }, opts);
}
