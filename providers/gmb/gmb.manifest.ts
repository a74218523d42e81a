import type { PlatformManifest } from "../core/manifest";
import { gmbSettings, type GmbSettings } from "./gmb.settings";

// Google Business Profile (../shared/platforms/gmb.md), as data the browser may load. A channel is
// one business location (accounts/{a}/locations/{l}) picked after Google sign-in; posts are v4
// local posts of the type the per-post settings choose (update, event, offer).

const MB = 1024 * 1024;

export const gmbManifest = {
  identifier: "gmb",
  name: "Google Business Profile",
  badge: { text: "GB", colour: "#1a73e8", icon: "google" },
  // business.manage covers accounts, locations, local posts and performance metrics (every method's
  // "Authorization scopes" in the reference). No userinfo scope: the Google account is named by its
  // Business Profile accounts list, and the channel is the location.
  auth: { kind: "oauth2-pick", scopes: ["https://www.googleapis.com/auth/business.manage"] },
  // LocalPost.summary is plain text.
  editor: "normal",
  counting: "chars",
  // The post editor's and Google's help page's 1,500-character limit for a post's text.
  maxLength: 1500,
  // 300 queries per minute per API by default (limits doc); posts for one location one at a time.
  maxConcurrentJob: 2,
  // Access tokens last an hour; offline access gives a long-lived refresh token (not rotated).
  oneTimeToken: false,
  media: {
    // One photo per post, given by URL (LocalPost media[].sourceUrl is "the only supported data
    // field"): Google downloads it. Photo rules from Google's Business Profile photo guidelines:
    // JPG or PNG, 10 KB to 5 MB, at least 250×250. The 10 KB floor has no manifest rule yet
    // (MediaKindRules has no minBytes), so Google's own refusal names it.
    maxItems: 1,
    image: {
      mimeTypes: ["image/jpeg", "image/png"],
      maxBytes: 5 * MB,
      maxCount: 1,
      dimensions: { minWidth: 250, minHeight: 250 },
    },
    mixKinds: false,
    byLinkOnly: true,
  },
  settings: gmbSettings,
  // Location figures from the Business Profile Performance API; post figures (v4 reportInsights'
  // local post views) were turned off with the v4 insights methods, and nothing replaces them.
  analytics: { account: true, post: false },
  // localPosts.create takes no request id; a lost answer is settled by listing the location's local
  // posts (GET …/localPosts) and adopting the one with this publish's summary, type and creation time.
  publishSafety: "reconcile",
  env: {
    credentials: ["GMB_CLIENT_ID", "GMB_CLIENT_SECRET"],
    hosts: [
      { name: "auth", envVar: "GMB_AUTH_URL", default: "https://accounts.google.com" },
      { name: "token", envVar: "GMB_TOKEN_URL", default: "https://oauth2.googleapis.com" },
      { name: "accounts", envVar: "GMB_ACCOUNTS_URL", default: "https://mybusinessaccountmanagement.googleapis.com" },
      { name: "locations", envVar: "GMB_LOCATIONS_URL", default: "https://mybusinessbusinessinformation.googleapis.com" },
      { name: "posts", envVar: "GMB_POSTS_URL", default: "https://mybusiness.googleapis.com" },
      { name: "performance", envVar: "GMB_PERFORMANCE_URL", default: "https://businessprofileperformance.googleapis.com" },
    ],
  },
  availability: {
    status: "limited",
    reason: "Google grants Business Profile API access per Cloud project on application: until approved, every call is refused (quota 0)",
  },
} satisfies PlatformManifest<GmbSettings>;
