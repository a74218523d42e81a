import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { AppClient, AppClientStore } from "../social.integrations.interface";

// Mastodon has no central developer portal: the app registers itself on each server
// (POST /api/v1/apps) and gets a client id and secret for that server. One registration per server
// is kept and reused; registering on every connection would leave a new app on the server each
// time. A server can drop an app (an admin removes it, or it is cleaned up), and then its authorize
// page and token endpoint refuse the client with `invalid_client`. So a stored client is checked
// first with the documented client-credentials grant, and a new one is registered only when the
// server refuses it.

const appSchema = z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) });
const appTokenSchema = z.object({ access_token: z.string().min(1) });
const FORM = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };

/** Mastodon's answer to an unknown client or a wrong secret: 401 {"error": "invalid_client", …}. */
export function isUnknownClient(e: unknown): boolean {
  return oauthErrorOf(e) === "invalid_client";
}

function oauthErrorOf(e: unknown): string | undefined {
  if (!(e instanceof ProviderError) || !e.details.body) return undefined;
  try {
    const code = (JSON.parse(e.details.body) as { error?: unknown }).error;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

const sameScopes = (a: string[], b: string[]) => a.length === b.length && a.every((s) => b.includes(s));

/** The client to connect with on `base`: the stored one while the server accepts it, else a new registration. */
export async function appClientFor(
  api: SocialAbstract,
  base: string,
  redirectUri: string,
  scopes: string[],
  store?: AppClientStore,
): Promise<AppClient> {
  const stored = await store?.get(base);
  // A client is registered for one redirect URI and scope set; another address or scope set needs its own.
  if (stored && stored.redirectUri === redirectUri && sameScopes(stored.scopes, scopes) && (await accepted(api, base, stored)))
    return stored;
  const fresh = await register(api, base, redirectUri, scopes);
  await store?.save(base, fresh);
  return fresh;
}

async function register(api: SocialAbstract, base: string, redirectUri: string, scopes: string[]): Promise<AppClient> {
  const app = appSchema.parse(
    await api.fetchJson(
      `${base}/api/v1/apps`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          client_name: "Postmill",
          redirect_uris: redirectUri,
          scopes: scopes.join(" "),
          website: new URL(redirectUri).origin,
        }),
        // A repeated registration only creates one more unused app.
      },
      { idempotent: true, action: "register Postmill on the server" },
    ),
  );
  return { clientId: app.client_id, clientSecret: app.client_secret, redirectUri, scopes };
}

/** Whether the server still knows the client: an app token for it (revoked right away) says so. */
async function accepted(api: SocialAbstract, base: string, client: AppClient): Promise<boolean> {
  const auth = { client_id: client.clientId, client_secret: client.clientSecret };
  let token: string;
  try {
    const answer = await api.fetchJson(
      `${base}/oauth/token`,
      {
        method: "POST",
        headers: FORM,
        // The scope must be a subset of the registered ones; the token acts for the app, not a user.
        body: new URLSearchParams({ grant_type: "client_credentials", ...auth, scope: client.scopes.join(" ") }),
      },
      { idempotent: true, action: "check Postmill's registration on the server" },
    );
    token = appTokenSchema.parse(answer).access_token;
  } catch (e) {
    // invalid_client: the app is gone; invalid_scope: the server no longer grants what it was registered with.
    const code = oauthErrorOf(e);
    if (code === "invalid_client" || code === "invalid_scope") return false;
    throw e;
  }
  // The token was only a check: revoke it so no unused app token stays behind on the server.
  await api
    .fetch(
      `${base}/oauth/revoke`,
      { method: "POST", headers: FORM, body: new URLSearchParams({ ...auth, token }) },
      { maxRetries: 0, idempotent: true, action: "revoke the check token" },
    )
    .catch(() => undefined);
  return true;
}
