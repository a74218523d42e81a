import type { PlatformManifest } from "../core/manifest";
import { linkedInShared } from "../linkedin/linkedin.capabilities";
import { linkedinPageSettings, type LinkedInPageSettings } from "./linkedin-page.settings";

// A LinkedIn company page (../shared/platforms/linkedin.md): the member signs in, then picks one of
// the organizations they administer.

export const linkedinPageManifest = {
  identifier: "linkedin-page",
  name: "LinkedIn Page",
  badge: { text: "iP", colour: "#004182" },
  auth: {
    kind: "oauth2-pick",
    scopes: [
      "openid",
      "profile",
      "w_member_social",
      "r_basicprofile",
      "rw_organization_admin",
      "w_organization_social",
      "r_organization_social",
    ],
  },
  ...linkedInShared("LINKEDIN_PAGE"),
  settings: linkedinPageSettings,
  analytics: { account: true, post: true },
} satisfies PlatformManifest<LinkedInPageSettings>;
