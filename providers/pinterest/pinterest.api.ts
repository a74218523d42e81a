import { hostOf } from "../core/hosts";
import { pinterestManifest } from "./pinterest.manifest";

// Every Pinterest API call is under /v5 on PINTEREST_API_URL (default https://api.pinterest.com),
// the token endpoint included (../shared/platforms/pinterest.md §1).

export const pinterestUrl = (path: string) => `${hostOf(pinterestManifest, "api")}/v5${path}`;

export const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" } as const;

/** The public page of a pin, on the site (PINTEREST_AUTH_URL, www.pinterest.com; the emulator in sandbox mode). */
export const pinPage = (id: string) => `${hostOf(pinterestManifest, "auth")}/pin/${encodeURIComponent(id)}/`;
