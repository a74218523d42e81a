import { z } from "zod";
import { appCredentials } from "../core/hosts";
import { ProviderError, type HandledError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { AuthResult, AuthUrlContext, OAuthStart, Page, PublishContext } from "../social.integrations.interface";
import { dialogUrl, graphUrl } from "./facebook.api";
import { classifyFacebookError } from "./facebook.errors";
import { facebookManifest } from "./facebook.manifest";

// Facebook Login for a Page (../shared/platforms/facebook.md §1; "Manually Build a Login Flow",
// "Get Long-Lived Tokens"): the dialog at www.facebook.com/<ver>/dialog/oauth (comma-separated
// scopes, no PKCE), the code swapped at GET graph.facebook.com/<ver>/oauth/access_token for a
// short-lived user token, that one swapped (grant_type=fb_exchange_token) for a long-lived one of
// about 60 days. There is no refresh grant. Page tokens come from GET /me/accounts.

export function facebookLoginLink(ctx: AuthUrlContext): OAuthStart {
  const { clientId } = appCredentials("facebook");
  const params = new URLSearchParams({
    client_id: clientId,
    redirect_uri: ctx.redirectUri,
    state: ctx.state,
    response_type: "code",
    scope: facebookManifest.auth.scopes.join(","),
  });
  return { url: `${dialogUrl("/dialog/oauth")}?${params}`, codeVerifier: ctx.codeVerifier, state: ctx.state };
}

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });

/** A refused code or exchange ends the sign-in; only Meta's own trouble is worth another try. */
function tokenErrors(body: string, status: number): HandledError {
  const h = classifyFacebookError(body, status);
  if (h?.kind === "retry") return h;
  return { kind: "disconnect", message: h?.message ?? `Facebook refused the sign-in (HTTP ${status})` };
}

async function tokenCall(api: SocialAbstract, params: Record<string, string>, action: string) {
  const { clientId, clientSecret } = appCredentials("facebook");
  const query = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, ...params });
  const res = await api
    .fetch(`${graphUrl("/oauth/access_token")}?${query}`, {}, { action, maxRetries: 0, classify: tokenErrors })
    .catch((e: unknown) => {
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  // A token answer is credentials: never quoted into an error.
  const parsed = tokenAnswer.safeParse(
    parseJsonAnswer(await res.text(), "Facebook token endpoint", action, { status: res.status, secret: true }),
  );
  if (!parsed.success) throw new ProviderError("retry", "Facebook sent a token answer without an access token", { status: res.status });
  return parsed.data;
}

const meAnswer = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  name: z.string().optional(),
  picture: z.object({ data: z.object({ url: z.string().optional() }).optional() }).optional(),
});

const permissionsAnswer = z.object({ data: z.array(z.object({ permission: z.string(), status: z.string() })).default([]) });

/** Code → short-lived token → long-lived token, then who signed in and which permissions they left ticked. */
export async function facebookSignIn(api: SocialAbstract, code: string, redirectUri: string): Promise<AuthResult> {
  const short = await tokenCall(api, { code, redirect_uri: redirectUri }, "exchange the Facebook sign-in code");
  const long = await tokenCall(
    api,
    { grant_type: "fb_exchange_token", fb_exchange_token: short.access_token },
    "exchange for a long-lived Facebook token",
  );
  const token = long.access_token;
  const me = meAnswer.safeParse(
    await api.fetchJson(`${graphUrl("/me")}?fields=id,name,picture`, {}, { action: "read the Facebook account", token }),
  );
  if (!me.success) throw new ProviderError("retry", "Facebook did not say which account signed in");
  // The login dialog lets the user untick permissions: read what was granted (GET /me/permissions).
  const perms = permissionsAnswer.safeParse(
    await api.fetchJson(graphUrl("/me/permissions"), {}, { action: "read the granted Facebook permissions", token }),
  );
  const scopes = perms.success ? perms.data.data.filter((p) => p.status === "granted").map((p) => p.permission) : undefined;
  return {
    id: me.data.id,
    name: me.data.name ?? me.data.id,
    picture: me.data.picture?.data?.url,
    accessToken: token,
    // Facebook sends expires_in for the long-lived token (about 60 days); absent, the docs' 60 days.
    expiresIn: long.expires_in ?? 60 * 86_400,
    scopes,
    needsPagePick: true,
  };
}

const accountsPage = z.object({
  data: z
    .array(
      z.object({
        id: z.union([z.string().min(1), z.number()]).transform(String),
        name: z.string().optional(),
        username: z.string().optional(),
        access_token: z.string().optional(),
        tasks: z.array(z.string()).optional(),
        picture: z.object({ data: z.object({ url: z.string().optional() }).optional() }).optional(),
      }),
    )
    .default([]),
  paging: z.object({ next: z.string().optional(), cursors: z.object({ after: z.string().optional() }).optional() }).optional(),
});

export type ManagedPage = Page & { accessToken?: string; tasks?: string[] };

/** Enough for any real list of Pages, and an end to a cursor that points back at itself. */
const MAX_PAGES = 20;

/** The Pages the user manages (GET /me/accounts, followed by its `after` cursor), with their Page tokens. */
export async function managedPages(api: SocialAbstract, userToken: string): Promise<ManagedPage[]> {
  const pages: ManagedPage[] = [];
  let after: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const q = new URLSearchParams({ fields: "id,name,username,access_token,tasks,picture", limit: "100", ...(after ? { after } : {}) });
    const answer = accountsPage.safeParse(
      await api.fetchJson(`${graphUrl("/me/accounts")}?${q}`, {}, { action: "list your Facebook Pages", token: userToken }),
    );
    if (!answer.success) throw new ProviderError("retry", "Facebook sent a list of Pages this server cannot read");
    for (const p of answer.data.data)
      pages.push({
        id: p.id,
        name: p.name ?? p.id,
        username: p.username,
        picture: p.picture?.data?.url,
        accessToken: p.access_token,
        tasks: p.tasks,
      });
    // Only the cursor is taken from `paging`: a full `next` URL is never followed, so the token stays on Graph.
    after = answer.data.paging?.next ? answer.data.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return pages;
}

/** The Page token for posting as `pageId`, read with the user's long-lived token. */
export async function pageToken(api: SocialAbstract, userToken: string, pageId: string, ctx?: PublishContext) {
  const answer = z.object({ access_token: z.string().min(1).optional() }).safeParse(
    await api.fetchJson(
      `${graphUrl(`/${encodeURIComponent(pageId)}`)}?fields=access_token`,
      {},
      {
        action: "get the Page's access token",
        token: userToken,
        ctx,
      },
    ),
  );
  if (!answer.success || !answer.data.access_token)
    throw new ProviderError(
      "disconnect",
      "Facebook gave no Page access token: the account may no longer manage this Page, or did not allow the app to use it. Reconnect the Page.",
    );
  return answer.data.access_token;
}
