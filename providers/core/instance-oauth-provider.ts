import { z } from "zod";
import { assertPublicUrl } from "@/lib/net/public-url";
import type { AuthenticateParams, AuthResult, AuthUrlContext, OAuthStart } from "../social.integrations.interface";
import { ProviderError } from "./errors";
import { appClientFor, isUnknownClient, type InstanceOAuthConfig } from "./instance-apps";
import { ManifestProvider } from "./manifest-provider";
import { pkceChallenge } from "./pkce";

export type { InstanceOAuthConfig } from "./instance-apps";

// The base of "instance-oauth" platforms: each server is its own OAuth issuer, so the app
// registers itself on the server the user names (core/instance-apps.ts, cached per server and
// registered again when the server forgot it), then runs the authorization-code flow there.
// A platform configures its dialect (`instanceOAuth`), says which server a typed address means
// (`serverBase`) and reads the account (`profile`); Mastodon is the model.

const flowData = z.object({
  clientId: z.string(),
  clientSecret: z.string(),
  instanceUrl: z.string(),
  scopes: z.array(z.string()).optional(),
});
const tokenSchema = z.object({ access_token: z.string().min(1), scope: z.string().optional() });

export type InstanceAccount = Omit<AuthResult, "accessToken" | "scopes" | "refreshToken" | "expiresIn">;

export abstract class InstanceOAuthProvider<Settings = unknown> extends ManifestProvider<Settings> {
  protected abstract readonly instanceOAuth: InstanceOAuthConfig;

  /** The server a user typed ("mastodon.social", "https://fosstodon.org/") as a base URL, or the pinned one. */
  protected abstract serverBase(typed?: string | null): string;

  /** Reads the account behind a fresh token on `base` (and whatever the channel keeps: the server's limits). */
  protected abstract profile(base: string, accessToken: string): Promise<InstanceAccount>;

  /** The scopes to ask `base` for (a server may support fewer than the manifest lists). */
  protected scopesFor(_base: string): Promise<string[]> {
    return Promise.resolve(this.scopes);
  }

  /**
   * What the server granted, checked against `requested`. A token answer without `scope` grants
   * what was asked; a parent scope ("write") covers its children ("write:statuses").
   */
  protected grantedScopes(requested: string[], tokenScope: string | undefined): string[] {
    const granted = (tokenScope ?? requested.join(" ")).split(/[\s+]+/).filter(Boolean);
    this.checkScopes(requested, [...granted, ...requested.filter((s) => granted.includes(s.split(":")[0]!))]);
    return granted;
  }

  async generateAuthUrl(ctx: AuthUrlContext): Promise<OAuthStart> {
    const base = this.serverBase(ctx.instanceUrl);
    await assertPublicUrl(base, "instanceUrl");
    const scopes = await this.scopesFor(base);
    const app = await appClientFor(this, this.instanceOAuth, base, ctx.redirectUri, scopes, ctx.appClients);
    const params = new URLSearchParams({
      response_type: "code",
      client_id: app.clientId,
      redirect_uri: ctx.redirectUri,
      scope: scopes.join(this.instanceOAuth.scopeSeparator ?? " "),
      state: ctx.state,
      ...(this.instanceOAuth.pkce ? { code_challenge: pkceChallenge(ctx.codeVerifier), code_challenge_method: "S256" } : {}),
    });
    return {
      url: `${base}${this.instanceOAuth.authorizePath}?${params}`,
      codeVerifier: ctx.codeVerifier,
      state: ctx.state,
      // Kept in the server-side (encrypted) sign-in state for the code exchange; never sent to the browser.
      data: { clientId: app.clientId, clientSecret: app.clientSecret, instanceUrl: base, scopes },
    };
  }

  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    const data = flowData.safeParse(params.data);
    if (!data.success) throw new ProviderError("bad-body", `The ${this.name} sign-in lost its server details; start connecting again.`);
    const { clientId, clientSecret, instanceUrl: base } = data.data;
    const requested = data.data.scopes ?? this.scopes;

    const answer = tokenSchema.safeParse(
      await this.fetchJson(
        `${base}${this.instanceOAuth.tokenPath}`,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({
            grant_type: "authorization_code",
            code: params.code,
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uri: params.redirectUri,
            ...(this.instanceOAuth.pkce ? { code_verifier: params.codeVerifier } : {}),
          }),
        },
        { action: "exchange the sign-in code" },
      ).catch(async (e) => {
        // The server dropped our app between the start and now: forget it so the next try registers anew.
        if (!isUnknownClient(e)) throw e;
        await params.appClients?.forget(base, clientId);
        throw new ProviderError(
          "disconnect",
          `${new URL(base).host} no longer recognises Postmill's registration (invalid_client). Connect again: Postmill will register anew on that server.`,
          (e as ProviderError).details,
        );
      }),
    );
    if (!answer.success) throw new ProviderError("retry", `${this.name} sent a token answer without an access token`);
    const token = answer.data;
    const scopes = this.grantedScopes(requested, token.scope);
    const account = await this.profile(base, token.access_token);
    return { ...account, accessToken: token.access_token, scopes };
  }
}
