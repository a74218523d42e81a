import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { AuthResult, AuthUrlContext, OAuthStart, TokenSet } from "../social.integrations.interface";
import { bizApp, bizAuthUrl, callBiz } from "./tiktok-business.api";
import { classifyTiktokBusinessTokenError } from "./tiktok-business.errors";

// The TikTok account holder's sign-in for the Business API (../shared/platforms/tiktok-business.md §1):
// TikTok's authorize page with the Business app's id as client_key (comma-separated scopes); the
// code is swapped at /tt_user/oauth2/token/ with a JSON body (client_id, client_secret,
// grant_type, auth_code, redirect_uri) inside the usual {code, data} envelope; refreshed at
// /tt_user/oauth2/refresh_token/, always storing the returned refresh_token. The answer's open_id
// is the business_id of every later call.

export function bizAuthorizeUrl(ctx: AuthUrlContext, scopes: string[]): OAuthStart {
  const params = new URLSearchParams({
    client_key: bizApp().appId,
    scope: scopes.join(","),
    response_type: "code",
    redirect_uri: ctx.redirectUri,
    state: ctx.state,
  });
  return { url: `${bizAuthUrl("/v2/auth/authorize/")}?${params}`, codeVerifier: ctx.codeVerifier, state: ctx.state };
}

const tokenData = z.object({
  access_token: z.string().min(1),
  open_id: z.string().min(1),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});
export type BizToken = z.infer<typeof tokenData>;

export async function bizToken(api: SocialAbstract, body: Record<string, string>): Promise<BizToken> {
  const { appId, secret } = bizApp();
  const refresh = body.grant_type === "refresh_token";
  const data = await callBiz(
    api,
    "POST",
    refresh ? "/tt_user/oauth2/refresh_token/" : "/tt_user/oauth2/token/",
    { client_id: appId, client_secret: secret, ...body },
    {
      action: refresh ? "refresh the TikTok access token" : "exchange TikTok's sign-in code",
      idempotent: false,
      maxRetries: 0,
      secret: true,
      classify: classifyTiktokBusinessTokenError,
    },
  ).catch((e: unknown) => {
    if (e instanceof ProviderError && e.details.mayHavePublished)
      throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
    throw e;
  });
  const parsed = tokenData.safeParse(data);
  if (!parsed.success) throw new ProviderError("retry", "TikTok sent a token answer without an access token");
  return parsed.data;
}

const account = z.object({ username: z.string().optional(), display_name: z.string().optional(), profile_image: z.string().optional() });

export async function bizProfile(api: SocialAbstract, token: BizToken): Promise<Omit<AuthResult, "accessToken">> {
  const data = await callBiz(
    api,
    "GET",
    "/business/get/",
    { business_id: token.open_id, fields: ["username", "display_name", "profile_image"] },
    { action: "read the TikTok account", token: token.access_token },
  );
  const a = account.safeParse(data).data ?? {};
  return {
    id: token.open_id,
    name: a.display_name?.trim() || a.username || token.open_id,
    ...(a.username ? { username: a.username } : {}),
    ...(a.profile_image ? { picture: a.profile_image } : {}),
  };
}

export async function bizRefresh(api: SocialAbstract, refreshToken: string): Promise<TokenSet> {
  const t = await bizToken(api, { grant_type: "refresh_token", refresh_token: refreshToken });
  return { accessToken: t.access_token, refreshToken: t.refresh_token, expiresIn: t.expires_in };
}
