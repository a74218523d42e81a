import type { PlatformManifest } from "../core/manifest";
import { instagramShared } from "./instagram.capabilities";
import type { InstagramSettings } from "./instagram.settings";

// Instagram through Facebook Login for Business (../shared/platforms/instagram.md), as data the
// browser may load: the user signs in with Facebook, then picks the Instagram professional account
// linked to one of their Pages. Publishing and limits are shared with instagram-standalone.

/** The Graph API version every call is pinned to (part of the host setting, so an override moves it). */
export const GRAPH_VERSION = "v24.0";

export const instagramManifest = {
  identifier: "instagram",
  name: "Instagram",
  badge: { text: "Ig", colour: "#c13584", icon: "instagram" },
  auth: {
    kind: "oauth2-pick",
    // §1: the Page list (pages_show_list, pages_read_engagement for the linked account), basics,
    // publishing, first comments and insights. business_management is added when the Page is
    // owned through a Business portfolio (Meta asks for it there).
    scopes: [
      "instagram_basic",
      "instagram_content_publish",
      "instagram_manage_comments",
      "instagram_manage_insights",
      "pages_show_list",
      "pages_read_engagement",
      "business_management",
    ],
  },
  ...instagramShared,
  // §1: the long-lived user token lasts about 60 days and has no refresh grant: reconnect.
  oneTimeToken: true,
  env: {
    credentials: ["INSTAGRAM_CLIENT_ID", "INSTAGRAM_CLIENT_SECRET"],
    hosts: [
      { name: "auth", envVar: "INSTAGRAM_AUTH_URL", default: `https://www.facebook.com/${GRAPH_VERSION}` },
      { name: "api", envVar: "INSTAGRAM_API_URL", default: `https://graph.facebook.com/${GRAPH_VERSION}` },
    ],
  },
} satisfies PlatformManifest<InstagramSettings>;
