import { z } from "zod";
import { appCredentials, hostOf } from "../core/hosts";
import { ProviderError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import { metaToken, tokenRefusal } from "../instagram/instagram.auth";
import type { SocialAbstract } from "../social.abstract";
import type { TokenSet } from "../social.integrations.interface";
import { instagramStandaloneManifest as manifest } from "./instagram-standalone.manifest";

// Business Login for Instagram (../shared/platforms/instagram-standalone.md §1): the code is
// exchanged at api.instagram.com for a short-lived token (1 hour), that one at graph.instagram.com
// for a long-lived token (ig_exchange_token, 60 days), which renews itself with ig_refresh_token
// (at least 24 h old and not expired). There is no separate refresh token: the long-lived token is
// stored as both. Its lifetime is reported as half of Meta's, so the app renews it at its next use
// after a month (analytics are collected daily), long before it lapses.

const codeAnswer = z.union([
  z.object({ data: z.array(z.object({ access_token: z.string().min(1), user_id: z.union([z.string(), z.number()]).optional() })).min(1) }),
  z.object({ access_token: z.string().min(1), user_id: z.union([z.string(), z.number()]).optional() }),
]);

const credentials = () => appCredentials("instagram-standalone");
const renewEarly = (expiresIn?: number) => (expiresIn ? Math.max(3600, Math.floor(expiresIn / 2)) : undefined);

async function shortLived(api: SocialAbstract, code: string, redirectUri: string): Promise<string> {
  const { clientId, clientSecret } = credentials();
  const action = "exchange the sign-in code";
  const body = new URLSearchParams({
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: "authorization_code",
    redirect_uri: redirectUri,
    code,
  });
  const res = await api
    .fetch(
      `${hostOf(manifest, "token")}/oauth/access_token`,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body },
      { action, idempotent: false, maxRetries: 0, classify: tokenRefusal },
    )
    .catch((e: unknown) => {
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  // The documented answer is {data:[{access_token,user_id,permissions}]}; older apps get it flat.
  const parsed = codeAnswer.safeParse(
    parseJsonAnswer(await res.text(), "Instagram token endpoint", action, { status: res.status, secret: true }),
  );
  if (!parsed.success) throw new ProviderError("retry", "Instagram sent a token answer without an access token", { status: res.status });
  return "data" in parsed.data ? parsed.data.data[0]!.access_token : parsed.data.access_token;
}

/** The code → a short-lived token → the long-lived one. */
export async function instagramSignIn(api: SocialAbstract, code: string, redirectUri: string): Promise<TokenSet> {
  const short = await shortLived(api, code, redirectUri);
  const q = new URLSearchParams({ grant_type: "ig_exchange_token", client_secret: credentials().clientSecret, access_token: short });
  const long = await metaToken(
    api,
    `${hostOf(manifest, "graph")}/access_token?${q}`,
    "exchange the sign-in for a long-lived token",
    "Instagram",
  );
  return { accessToken: long.accessToken, refreshToken: long.accessToken, expiresIn: renewEarly(long.expiresIn) };
}

/** A renewed long-lived token (ig_refresh_token); the new token is its own refresh token. */
export async function renewInstagramToken(api: SocialAbstract, token: string): Promise<TokenSet> {
  const q = new URLSearchParams({ grant_type: "ig_refresh_token", access_token: token });
  const long = await metaToken(api, `${hostOf(manifest, "graph")}/refresh_access_token?${q}`, "refresh the access token", "Instagram");
  return { accessToken: long.accessToken, refreshToken: long.accessToken, expiresIn: renewEarly(long.expiresIn) };
}
