import { z } from "zod";
import type { SocialAbstract } from "../social.abstract";
import type { AppClient, AppClientStore } from "../social.integrations.interface";
import { errorBody } from "./error-table";
import { ProviderError } from "./errors";

// Federated platforms (Mastodon and its kin: Pleroma, Akkoma, GoToSocial…) have no central
// developer portal: the app registers itself on each server and gets a client id and secret for
// that server. One registration per server is kept (AppClientStore) and reused; registering on
// every connection would leave a new app on the server each time. A server can drop an app (an
// admin removes it, or it is cleaned up), and then its authorize page and token endpoint refuse
// the client with `invalid_client`. So, where the server documents the client-credentials grant,
// a stored client is checked first, and a new one is registered only when the server refuses it.

/** How a server registers an app, and where its OAuth endpoints are (paths under the server). */
export type InstanceOAuthConfig = {
  /** POST path of the app registration (Mastodon: /api/v1/apps). */
  registrationPath: string;
  /** The registration's JSON body. */
  registrationBody: (app: { clientName: string; redirectUri: string; scope: string; website: string }) => unknown;
  /** The client id and secret in the registration answer (default: client_id, client_secret). */
  readRegistration?: (answer: unknown) => { clientId: string; clientSecret: string };
  authorizePath: string;
  tokenPath: string;
  /**
   * Check a stored client with the client-credentials grant (and revoke the check token here)
   * before reusing it. Without it a stored client is reused until the token exchange refuses it.
   */
  checkWith?: { revokePath: string };
  pkce: boolean;
  /** Default " ". */
  scopeSeparator?: string;
};

const appSchema = z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) });
const appTokenSchema = z.object({ access_token: z.string().min(1) });
const FORM = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };

/** The OAuth error code (`error`) of a refused call, if its body has one. */
export function oauthErrorOf(e: unknown): string | undefined {
  if (!(e instanceof ProviderError) || !e.details.body) return undefined;
  const code = errorBody(e.details.body).error;
  return typeof code === "string" ? code : undefined;
}

/** A server's answer to an unknown client or a wrong secret: 401 {"error": "invalid_client", …}. */
export function isUnknownClient(e: unknown): boolean {
  return oauthErrorOf(e) === "invalid_client";
}

const sameScopes = (a: string[], b: string[]) => a.length === b.length && a.every((s) => b.includes(s));

/** The client to connect with on `base`: the stored one while the server accepts it, else a new registration. */
export async function appClientFor(
  api: SocialAbstract,
  config: InstanceOAuthConfig,
  base: string,
  redirectUri: string,
  scopes: string[],
  store?: AppClientStore,
): Promise<AppClient> {
  const stored = await store?.get(base);
  // A client is registered for one redirect URI and scope set; another address or scope set needs its own.
  if (stored && stored.redirectUri === redirectUri && sameScopes(stored.scopes, scopes) && (await accepted(api, config, base, stored)))
    return stored;
  const fresh = await register(api, config, base, redirectUri, scopes);
  await store?.save(base, fresh);
  return fresh;
}

async function register(
  api: SocialAbstract,
  config: InstanceOAuthConfig,
  base: string,
  redirectUri: string,
  scopes: string[],
): Promise<AppClient> {
  const answer = await api.fetchJson(
    `${base}${config.registrationPath}`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(
        config.registrationBody({
          clientName: "Postmill",
          redirectUri,
          scope: scopes.join(config.scopeSeparator ?? " "),
          website: new URL(redirectUri).origin,
        }),
      ),
    },
    // A repeated registration only creates one more unused app.
    { idempotent: true, action: "register Postmill on the server" },
  );
  const { clientId, clientSecret } = config.readRegistration?.(answer) ?? readClient(answer);
  return { clientId, clientSecret, redirectUri, scopes };
}

function readClient(answer: unknown): { clientId: string; clientSecret: string } {
  const app = appSchema.safeParse(answer);
  if (!app.success) throw new ProviderError("retry", "The server registered Postmill but its answer has no client id and secret");
  return { clientId: app.data.client_id, clientSecret: app.data.client_secret };
}

/** Whether the server still knows the client: an app token for it (revoked right away) says so. */
async function accepted(api: SocialAbstract, config: InstanceOAuthConfig, base: string, client: AppClient): Promise<boolean> {
  if (!config.checkWith) return true;
  const auth = { client_id: client.clientId, client_secret: client.clientSecret };
  let token: string;
  try {
    const answer = await api.fetchJson(
      `${base}${config.tokenPath}`,
      {
        method: "POST",
        headers: FORM,
        // The scope must be a subset of the registered ones; the token acts for the app, not a user.
        body: new URLSearchParams({ grant_type: "client_credentials", ...auth, scope: client.scopes.join(config.scopeSeparator ?? " ") }),
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
      `${base}${config.checkWith.revokePath}`,
      { method: "POST", headers: FORM, body: new URLSearchParams({ ...auth, token }) },
      { maxRetries: 0, idempotent: true, action: "revoke the check token" },
    )
    .catch(() => undefined);
  return true;
}
