import { hostUrl } from "../core/hosts";
import type { OAuth2Config } from "../core/oauth2-provider";
import { LINKEDIN_HOSTS } from "./linkedin.capabilities";

/** LinkedIn's OAuth dialect, the same for members and pages (one app, one set of credentials). */
export function linkedInOAuth(id: string): OAuth2Config {
  const auth = () => hostUrl(id, "auth", LINKEDIN_HOSTS.auth);
  return {
    authorizeUrl: () => `${auth()}/oauth/v2/authorization`,
    tokenUrl: () => `${auth()}/oauth/v2/accessToken`,
    credentialsPrefix: "linkedin",
    pkce: false,
    // The client secret goes in the form body, not in HTTP Basic.
    clientAuth: "body",
    scopeSeparator: " ",
  };
}
