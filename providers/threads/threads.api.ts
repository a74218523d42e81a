import { hostOf } from "../core/hosts";
import { threadsManifest } from "./threads.manifest";

// Where Threads' endpoints are (§1, §2): the Graph API under one pinned version, the token
// endpoints at the host's root, and the public pages readers open.

/** The Threads Graph API version every call uses (Threads has only published v1.0). */
export const THREADS_API_VERSION = "v1.0";

export const threadsApi = (path: string) => `${hostOf(threadsManifest, "api")}/${THREADS_API_VERSION}${path}`;
export const threadsRoot = (path: string) => `${hostOf(threadsManifest, "api")}${path}`;

/** The profile page, used as a post's link when its permalink cannot be read. */
export const profilePage = (username: string | null | undefined) =>
  username ? `https://www.threads.com/@${encodeURIComponent(username)}` : "https://www.threads.com/";

export const FORM = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };

/** Meta's timestamps end in "+0000", which Date.parse reads only with a colon in the offset. */
export const parseTimestamp = (s: string | null | undefined) => (s ? Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")) : NaN);
