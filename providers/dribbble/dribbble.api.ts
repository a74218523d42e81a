import { hostOf } from "../core/hosts";
import { dribbbleManifest } from "./dribbble.manifest";

// Dribbble's two hosts (../shared/platforms/dribbble.md §1): the site (DRIBBBLE_AUTH_URL,
// https://dribbble.com) has the consent page, the token endpoint and the shot pages; the API
// (DRIBBBLE_API_URL, https://api.dribbble.com) is under /v2.

export const siteUrl = (path: string) => `${hostOf(dribbbleManifest, "auth")}${path}`;
export const apiUrl = (path: string) => `${hostOf(dribbbleManifest, "api")}/v2${path}`;

/** A shot's public page (the canonical one adds "-<slug>", which Dribbble redirects to). */
export const shotPage = (id: string) => siteUrl(`/shots/${encodeURIComponent(id)}`);
