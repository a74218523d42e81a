import type { PlatformManifest } from "../core/manifest";
import { instagramShared } from "../instagram/instagram.capabilities";
import { GRAPH_VERSION } from "../instagram/instagram.manifest";
import type { InstagramSettings } from "../instagram/instagram.settings";

// Instagram API with Instagram Login (../shared/platforms/instagram-standalone.md), as data the
// browser may load: the professional account signs in on Instagram itself (no Facebook Page), and
// publishes through graph.instagram.com with the same container flow, limits and insights as the
// Facebook-Login variant (providers/instagram).

export const instagramStandaloneManifest = {
  identifier: "instagram-standalone",
  name: "Instagram (Instagram login)",
  badge: { text: "IG", colour: "#833ab4", icon: "instagram" },
  auth: {
    kind: "oauth2",
    // §1: the instagram_business_* names (the older business_* values stopped working on 2025-01-27).
    scopes: [
      "instagram_business_basic",
      "instagram_business_content_publish",
      "instagram_business_manage_comments",
      "instagram_business_manage_insights",
    ],
  },
  ...instagramShared,
  // §1: the long-lived token (60 days) is renewed with ig_refresh_token.
  oneTimeToken: false,
  env: {
    credentials: ["INSTAGRAM_STANDALONE_CLIENT_ID", "INSTAGRAM_STANDALONE_CLIENT_SECRET"],
    hosts: [
      { name: "auth", envVar: "INSTAGRAM_STANDALONE_AUTH_URL", default: "https://www.instagram.com" },
      { name: "token", envVar: "INSTAGRAM_STANDALONE_TOKEN_URL", default: "https://api.instagram.com" },
      { name: "graph", envVar: "INSTAGRAM_STANDALONE_GRAPH_URL", default: "https://graph.instagram.com" },
      { name: "api", envVar: "INSTAGRAM_STANDALONE_API_URL", default: `https://graph.instagram.com/${GRAPH_VERSION}` },
    ],
  },
} satisfies PlatformManifest<InstagramSettings>;
