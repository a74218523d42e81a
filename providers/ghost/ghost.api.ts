import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { ChannelAccess } from "../social.integrations.interface";
import { ProviderError } from "../core/errors";

// Calls to one Ghost site's Admin API: https://<admin domain>[/<subdirectory>]/ghost/api/admin/…,
// with the `Ghost <jwt>` authorization scheme and the minimum API version Ghost asks clients to name.

/** Ghost 5 and 6 both serve v5.0 clients; Accept-Version names the oldest API this code works with. */
export const ACCEPT_VERSION = "v5.0";

const applyGhostToken = (headers: Headers, token: string) => headers.set("authorization", `Ghost ${token}`);

/** What users paste: the site, its admin (…/ghost/), or the API base (…/ghost/api/admin/). */
export function siteBase(typed: string): string {
  return typed
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/ghost(\/api(\/admin)?)?$/i, "");
}

export function adminUrl(site: string, path: string, query: Record<string, string | undefined> = {}): string {
  const url = new URL(`${site.replace(/\/+$/, "")}/ghost/api/admin/${path.replace(/^\/+/, "")}`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** The site a connected channel publishes to (kept as the channel's server at connect). */
export function channelSite(channel: ChannelAccess): string {
  const stored = channel.instanceUrl || (typeof channel.profile?.service === "string" ? channel.profile.service : "");
  if (!stored) throw new ProviderError("disconnect", "This Ghost channel has no site address; reconnect it.");
  return siteBase(stored);
}

/** An Admin API call; `token` is the channel's current JWT (renewed by the kit on a refresh-token outcome). */
export function adminCall<T>(
  api: SocialAbstract,
  url: string,
  init: RequestInit & { headers?: Record<string, string> },
  opts: FetchOptions,
): Promise<T> {
  const headers = { accept: "application/json", "accept-version": ACCEPT_VERSION, ...init.headers };
  return api.fetchJson<T>(url, { ...init, headers }, { ...opts, applyToken: applyGhostToken });
}
