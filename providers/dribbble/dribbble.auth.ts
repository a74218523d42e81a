import { z } from "zod";
import { appCredentials } from "../core/hosts";
import { ProviderError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { AuthResult, AuthUrlContext, OAuthStart } from "../social.integrations.interface";
import { apiUrl, siteUrl } from "./dribbble.api";
import { classifyDribbbleTokenError } from "./dribbble.errors";

// Dribbble's OAuth web flow (../shared/platforms/dribbble.md §1): the user is sent to
// /oauth/authorize with client_id, redirect_uri, scope ("public upload", space-separated) and
// state; the code comes back and is swapped at POST /oauth/token with the client id and secret in
// the body. The token never expires and there is no refresh token.

const token = z.object({ access_token: z.string().min(1), scope: z.string().optional() });
const user = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string().nullish(),
  login: z.string().min(1),
  avatar_url: z.string().nullish(),
  html_url: z.string().nullish(),
  teams: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().nullish() })).nullish(),
});
export type DribbbleUser = z.infer<typeof user>;

export function dribbbleSignInLink(ctx: AuthUrlContext, scopes: string[]): OAuthStart {
  const params = new URLSearchParams({
    client_id: appCredentials("dribbble").clientId,
    redirect_uri: ctx.redirectUri,
    scope: scopes.join(" "),
    state: ctx.state,
  });
  return { url: `${siteUrl("/oauth/authorize")}?${params}`, codeVerifier: ctx.codeVerifier, state: ctx.state };
}

export async function readUser(api: SocialAbstract, accessToken: string): Promise<DribbbleUser> {
  const me = user.safeParse(
    await api.fetchJson(
      apiUrl("/user"),
      { headers: { accept: "application/json" } },
      { action: "read the Dribbble account", token: accessToken },
    ),
  );
  if (!me.success) throw new ProviderError("retry", "Dribbble did not say which account signed in");
  return me.data;
}

export async function dribbbleSignIn(
  api: SocialAbstract,
  code: string,
  redirectUri: string,
  checkScopes: (granted: string[]) => void,
): Promise<AuthResult> {
  const { clientId, clientSecret } = appCredentials("dribbble");
  const action = "exchange the sign-in code";
  const res = await api
    .fetch(
      siteUrl("/oauth/token"),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          client_id: clientId,
          client_secret: clientSecret,
          code,
          redirect_uri: redirectUri,
        }),
      },
      // A code works once: never repeated.
      { action, idempotent: false, maxRetries: 0, classify: classifyDribbbleTokenError },
    )
    .catch((e: unknown) => {
      // A token call publishes nothing.
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  // The answer holds the token: never quoted into an error.
  const parsed = token.safeParse(
    parseJsonAnswer(await res.text(), "Dribbble token endpoint", action, { status: res.status, secret: true }),
  );
  if (!parsed.success) throw new ProviderError("retry", "Dribbble sent a token answer without an access token", { status: res.status });
  const scopes = parsed.data.scope?.split(/[\s,+]+/).filter(Boolean);
  if (scopes) checkScopes(scopes);
  const me = await readUser(api, parsed.data.access_token);
  return {
    id: me.id,
    name: me.name?.trim() || me.login,
    username: me.login,
    ...(me.avatar_url ? { picture: me.avatar_url } : {}),
    accessToken: parsed.data.access_token,
    scopes,
  };
}
