import { hostOf } from "../core/hosts";
import { facebookManifest } from "./facebook.manifest";

// Where Facebook's calls go (../shared/platforms/facebook.md §1–2): the Login dialog on
// www.facebook.com, the Graph API on graph.facebook.com and video uploads on graph-video.facebook.com
// (Video API "Publish a video"), each under one pinned Graph API version. Each host is a setting
// (FACEBOOK_WWW_URL, FACEBOOK_GRAPH_URL, FACEBOOK_VIDEO_URL) so the sandbox and tests retarget them.

/** The Graph API version every call names; pinned so Meta's version changes are taken on purpose. */
export const GRAPH_VERSION = process.env.FACEBOOK_GRAPH_VERSION || "v24.0";

const versioned = (host: string, path: string) => `${hostOf(facebookManifest, host)}/${GRAPH_VERSION}${path}`;

export const dialogUrl = (path: string) => versioned("www", path);
export const graphUrl = (path: string) => versioned("graph", path);
export const videoUrl = (path: string) => versioned("video", path);

/** The public address of a post or video: Facebook's permalink when given, else www.facebook.com/<id>. */
export const postLink = (id: string, permalink?: string) => permalink || `https://www.facebook.com/${id}`;
