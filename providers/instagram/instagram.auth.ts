import { z } from "zod";
import { appCredentials } from "../core/hosts";
import { platformMessage, ProviderError, type HandledError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { AuthUrlContext, OAuthStart, Page } from "../social.integrations.interface";
import { isThrottled } from "./instagram.errors";
import { graphGet, type Graph, type GraphCall } from "./instagram.graph";

// Facebook Login for Business, as Instagram's Facebook-Login variant uses it
// (../shared/platforms/instagram.md §1): the code is exchanged for a short-lived user token, that
// one for a long-lived token (grant_type=fb_exchange_token, about 60 days, no refresh grant), and
// the Instagram professional accounts are the ones linked to the user's Pages (GET /me/accounts).

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });

/** A token endpoint's refusal: the sign-in must be done again, unless Meta is down or throttling. */
export function tokenRefusal(body: string, status: number): HandledError {
  const message = `Meta refused the sign-in: ${platformMessage(body, `HTTP ${status}`)}`;
  if (status >= 500 || status === 429 || isThrottled(body)) return { kind: "retry", message };
  return { kind: "disconnect", message };
}

/**
 * One GET to a Meta token endpoint (the query carries the app secret and a grant, so the answer
 * and URL are never quoted); never repeated, as a code works once. `label` names the platform.
 */
export async function metaToken(
  api: SocialAbstract,
  url: string,
  action: string,
  label: string,
): Promise<{ accessToken: string; expiresIn?: number }> {
  const res = await api.fetch(url, {}, { action, maxRetries: 0, classify: tokenRefusal }).catch((e: unknown) => {
    // A token call publishes nothing.
    if (e instanceof ProviderError && e.details.mayHavePublished)
      throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
    throw e;
  });
  const parsed = tokenAnswer.safeParse(
    parseJsonAnswer(await res.text(), `${label} token endpoint`, action, { status: res.status, secret: true }),
  );
  if (!parsed.success) throw new ProviderError("retry", `${label} sent a token answer without an access token`, { status: res.status });
  return { accessToken: parsed.data.access_token, expiresIn: parsed.data.expires_in };
}

/** The Facebook sign-in link (the Login dialog), scopes comma-separated. */
export function facebookDialogUrl(authBase: string, ctx: AuthUrlContext, scopes: string[]): OAuthStart {
  const { clientId } = appCredentials("instagram");
  const q = new URLSearchParams({
    client_id: clientId,
    redirect_uri: ctx.redirectUri,
    state: ctx.state,
    response_type: "code",
    scope: scopes.join(","),
  });
  return { url: `${authBase}/dialog/oauth?${q}`, codeVerifier: ctx.codeVerifier, state: ctx.state };
}

/** The code → a short-lived user token → a long-lived one (fb_exchange_token, about 60 days). */
export async function facebookSignIn(api: SocialAbstract, base: string, code: string, redirectUri: string) {
  const { clientId, clientSecret } = appCredentials("instagram");
  const short = await metaToken(
    api,
    `${base}/oauth/access_token?${new URLSearchParams({ client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri, code })}`,
    "exchange the sign-in code",
    "Facebook",
  );
  const q = new URLSearchParams({
    grant_type: "fb_exchange_token",
    client_id: clientId,
    client_secret: clientSecret,
    fb_exchange_token: short.accessToken,
  });
  return metaToken(api, `${base}/oauth/access_token?${q}`, "exchange the sign-in for a long-lived token", "Facebook");
}

type PageRow = {
  id?: string;
  name?: string;
  instagram_business_account?: { id?: string; username?: string; name?: string; profile_picture_url?: string };
};
type Paged = { data?: PageRow[]; paging?: { next?: string; cursors?: { after?: string } } };

/** The Instagram professional accounts linked to the Pages the user may act on. */
export async function linkedInstagramAccounts(g: Graph, call: GraphCall): Promise<Page[]> {
  const out: Page[] = [];
  let after: string | undefined;
  // At most 5 pages of 100: more Pages than that is beyond what a person picks from.
  for (let i = 0; i < 5; i++) {
    const answer = await graphGet<Paged>(
      g,
      "/me/accounts",
      { fields: "id,name,instagram_business_account{id,username,name,profile_picture_url}", limit: 100, after },
      call,
      "list the Pages and their Instagram accounts",
    );
    for (const p of answer.data ?? []) {
      const ig = p.instagram_business_account;
      if (!ig?.id) continue;
      out.push({
        id: ig.id,
        name: ig.name || ig.username || `Instagram account of ${p.name ?? "a Page"}`,
        ...(ig.username ? { username: ig.username } : {}),
        ...(ig.profile_picture_url ? { picture: ig.profile_picture_url } : {}),
      });
    }
    after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return out;
}
