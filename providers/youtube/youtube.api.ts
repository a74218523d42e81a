import { hostOf } from "../core/hosts";
import { youtubeManifest } from "./youtube.manifest";

// Where YouTube's calls go (../shared/platforms/youtube.md §1–2, §5): each host overridable
// (YOUTUBE_<HOST>_URL), Google's real ones by default.

export const authUrl = (path: string) => `${hostOf(youtubeManifest, "auth")}${path}`;
export const tokenUrl = (path: string) => `${hostOf(youtubeManifest, "token")}${path}`;
/** The Data API v3 (www.googleapis.com/youtube/v3/...). */
export const dataUrl = (path: string, query: Record<string, string> = {}) =>
  `${hostOf(youtubeManifest, "api")}/youtube/v3${path}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`;
/** The upload endpoints (www.googleapis.com/upload/youtube/v3/...). */
export const uploadUrl = (path: string, query: Record<string, string> = {}) =>
  `${hostOf(youtubeManifest, "api")}/upload/youtube/v3${path}?${new URLSearchParams(query)}`;
export const analyticsUrl = (query: Record<string, string>) =>
  `${hostOf(youtubeManifest, "analytics")}/v2/reports?${new URLSearchParams(query)}`;
export const watchUrl = (id: string) => `${hostOf(youtubeManifest, "web")}/watch?v=${encodeURIComponent(id)}`;
export const channelUrl = (id: string) => `${hostOf(youtubeManifest, "web")}/channel/${encodeURIComponent(id)}`;
