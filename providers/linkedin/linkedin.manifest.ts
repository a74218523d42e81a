import type { PlatformManifest } from "../core/manifest";
import { linkedInShared } from "./linkedin.capabilities";
import { linkedinSettings, type LinkedInSettings } from "./linkedin.settings";

// A member's own LinkedIn profile (../shared/platforms/linkedin.md), as data the browser may load.

export const linkedinManifest = {
  identifier: "linkedin",
  name: "LinkedIn",
  badge: { text: "in", colour: "#0a66c2" },
  auth: { kind: "oauth2", scopes: ["openid", "profile", "w_member_social"] },
  ...linkedInShared("LINKEDIN"),
  settings: linkedinSettings,
  // Post counts only: member statistics need r_member_postAnalytics and are not fully documented.
  analytics: { account: false, post: true },
} satisfies PlatformManifest<LinkedInSettings>;
