import { z } from "zod";
import { ProviderError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { AuthResult, AuthUrlContext, OAuthStart, TokenSet } from "../social.integrations.interface";
import { apiUrl, authUrl, callTiktok, tiktokApp } from "./tiktok.api";
import { classifyTiktokTokenError } from "./tiktok.errors";

// Login Kit for Web, OAuth v2 (developers.tiktok.com/doc/login-kit-web,
// /doc/oauth-user-access-token-management; ../shared/platforms/tiktok.md §1): the app is named by
// `client_key` (not client_id) and the scopes are comma-separated; the code is swapped at
// /v2/oauth/token/ with a form body carrying client_key and client_secret. PKCE is for mobile and
// desktop apps only, so a server-side web app sends none. Refresh tokens rotate: every refresh
// answers a new refresh_token and the old one stops working, so the newest is always returned for
// storage (TokenSet.refreshToken). Lifetimes come from expires_in, never assumed.

export function tiktokAuthorizeUrl(ctx: AuthUrlContext, scopes: string[]): OAuthStart {
  const params = new URLSearchParams({
    client_key: tiktokApp().clientKey,
    scope: scopes.join(","),
    response_type: "code",
    redirect_uri: ctx.redirectUri,
    state: ctx.state,
  });
  return { url: `${authUrl("/v2/auth/authorize/")}?${params}`, codeVerifier: ctx.codeVerifier, state: ctx.state };
}

const tokenAnswer = z.object({
  open_id: z.string().min(1).optional(),
  scope: z.string().optional(),
  access_token: z.string().min(1),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_expires_in: z.coerce.number().optional(),
});
export type TiktokToken = z.infer<typeof tokenAnswer>;

/** POST /v2/oauth/token/ (authorization_code or refresh_token), never repeated: a code and a rotated refresh token work once. */
export async function tiktokTokenRequest(api: SocialAbstract, form: Record<string, string>): Promise<TiktokToken> {
  const { clientKey, clientSecret } = tiktokApp();
  const action = form.grant_type === "refresh_token" ? "refresh the TikTok access token" : "exchange TikTok's sign-in code";
  const res = await api
    .fetch(
      apiUrl("/v2/oauth/token/"),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "cache-control": "no-cache", accept: "application/json" },
        body: new URLSearchParams({ client_key: clientKey, client_secret: clientSecret, ...form }),
      },
      { action, idempotent: false, maxRetries: 0, classify: classifyTiktokTokenError },
    )
    .catch((e: unknown) => {
      // A token call publishes nothing.
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  const text = await res.text();
  // Credentials: never quoted into an error.
  const answer = parseJsonAnswer(text, "TikTok token endpoint", action, { status: res.status, secret: true }) as Record<string, unknown>;
  // TikTok may answer an OAuth error with HTTP 200: read it as the error it is.
  if (typeof answer?.error === "string" && !answer.access_token) {
    const handled = classifyTiktokTokenError(text, 400);
    throw new ProviderError(handled.kind, handled.message, { status: res.status });
  }
  const parsed = tokenAnswer.safeParse(answer);
  if (!parsed.success) throw new ProviderError("retry", "TikTok sent a token answer without an access token", { status: res.status });
  return parsed.data;
}

const userAnswer = z.object({
  user: z.object({
    open_id: z.string().min(1),
    display_name: z.string().optional(),
    username: z.string().optional(),
    avatar_url: z.string().optional(),
  }),
});

/** The account behind a token: GET /v2/user/info/ (open_id is the stable id for this app). */
export async function tiktokProfile(api: SocialAbstract, accessToken: string): Promise<Omit<AuthResult, "accessToken">> {
  const data = await callTiktok(
    api,
    `/v2/user/info/?${new URLSearchParams({ fields: "open_id,union_id,avatar_url,display_name,username" })}`,
    undefined,
    { action: "read the TikTok account", token: accessToken },
    "GET",
  );
  const parsed = userAnswer.safeParse(data);
  if (!parsed.success) throw new ProviderError("retry", "TikTok did not say which account signed in");
  const u = parsed.data.user;
  return {
    id: u.open_id,
    name: u.display_name?.trim() || u.username || u.open_id,
    ...(u.username ? { username: u.username } : {}),
    ...(u.avatar_url ? { picture: u.avatar_url } : {}),
  };
}

export async function tiktokRefresh(api: SocialAbstract, refreshToken: string): Promise<TokenSet> {
  const t = await tiktokTokenRequest(api, { grant_type: "refresh_token", refresh_token: refreshToken });
  // Rotation: the answer's refresh_token replaces the stored one (the old one no longer works).
  return { accessToken: t.access_token, refreshToken: t.refresh_token, expiresIn: t.expires_in };
}
