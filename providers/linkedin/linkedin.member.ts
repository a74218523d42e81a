import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { LinkedInApi } from "./linkedin.api";

// The member behind a token, from the OpenID Connect userinfo endpoint. `sub` is the person id of
// urn:li:person:{sub}.

type UserInfo = { sub?: string; name?: string; given_name?: string; family_name?: string; picture?: string };
export type Member = { sub: string; name: string; picture?: string };

/** LinkedIn sometimes calls a token "revoked" (65601) for a few seconds right after consent. */
export const REVOKED_AFTER_CONSENT_GRACE_MS = 5_000;

export async function fetchMember(
  client: SocialAbstract,
  api: LinkedInApi,
  token: string,
  graceMs = REVOKED_AFTER_CONSENT_GRACE_MS,
): Promise<Member> {
  for (let attempt = 0; ; attempt++) {
    try {
      const u = await client.fetchJson<UserInfo>(`${api.base()}/v2/userinfo`, {}, { token, action: "read the LinkedIn profile" });
      if (!u.sub) throw new ProviderError("retry", "LinkedIn's profile answer did not include the member id (sub)");
      const name = u.name?.trim() || [u.given_name, u.family_name].filter(Boolean).join(" ") || "LinkedIn member";
      return { sub: u.sub, name, picture: u.picture || undefined };
    } catch (e) {
      const revoked = e instanceof ProviderError && e.kind === "disconnect" && e.details.status === 401;
      if (!revoked || attempt > 0) throw e;
      await new Promise((ok) => setTimeout(ok, graceMs));
    }
  }
}
