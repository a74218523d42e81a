import { z } from "zod";
import type { AuthenticateParams, AuthResult, AuthUrlContext, OAuthStart, TokenSet } from "../social.integrations.interface";
import { ProviderError, platformMessage, type HandledError } from "./errors";
import { parseJsonAnswer } from "./json";
import { ManifestProvider } from "./manifest-provider";
import { appCredentials } from "./hosts";
import { pkceChallenge } from "./pkce";

// The generic OAuth 2.0 authorization-code flow (RFC 6749 + PKCE S256). Platforms configure their
// dialect (endpoints, client authentication, scope separator) and add how they read the profile.

export type OAuth2Config = {
  authorizeUrl: () => string;
  tokenUrl: () => string;
  /** Env prefix of <PREFIX>_CLIENT_ID / _CLIENT_SECRET (shared by LinkedIn and LinkedIn Page). */
  credentialsPrefix: string;
  pkce: boolean;
  /** "basic": Authorization: Basic id:secret (X confidential clients); "body": in the form. */
  clientAuth: "basic" | "body";
  scopeSeparator?: string;
  extraAuthorizeParams?: Record<string, string>;
};

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  // Most platforms send the granted scopes as one separated string; Twitch sends a JSON array.
  scope: z
    .union([z.string(), z.array(z.string())])
    .transform((s) => (Array.isArray(s) ? s.join(" ") : s))
    .optional(),
  token_type: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;

export abstract class OAuth2Provider<Settings = unknown> extends ManifestProvider<Settings> {
  protected abstract oauth: OAuth2Config;

  /** Reads the account behind a fresh token. */
  protected abstract profile(accessToken: string, token: TokenResponse): Promise<Omit<AuthResult, "accessToken">>;

  async generateAuthUrl(ctx: AuthUrlContext): Promise<OAuthStart> {
    const { clientId } = appCredentials(this.oauth.credentialsPrefix);
    const params = new URLSearchParams({
      response_type: "code",
      client_id: clientId,
      redirect_uri: ctx.redirectUri,
      scope: this.scopes.join(this.oauth.scopeSeparator ?? " "),
      state: ctx.state,
      ...(this.oauth.pkce ? { code_challenge: pkceChallenge(ctx.codeVerifier), code_challenge_method: "S256" } : {}),
      ...this.oauth.extraAuthorizeParams,
    });
    return { url: `${this.oauth.authorizeUrl()}?${params}`, codeVerifier: ctx.codeVerifier, state: ctx.state };
  }

  /** Token endpoint errors are OAuth errors: a refused grant means the user must reconnect. */
  protected tokenErrors(body: string, status: number): HandledError {
    const message = platformMessage(body, `token endpoint answered HTTP ${status}`);
    if (status >= 500 || status === 429) return { kind: "retry", message };
    return { kind: "disconnect", message };
  }

  protected async tokenRequest(form: Record<string, string>): Promise<TokenResponse> {
    const { clientId, clientSecret } = appCredentials(this.oauth.credentialsPrefix);
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
    const body = new URLSearchParams(form);
    if (this.oauth.clientAuth === "basic") {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`;
    } else {
      body.set("client_id", clientId);
      if (clientSecret) body.set("client_secret", clientSecret);
    }
    const action = form.grant_type === "refresh_token" ? "refresh the access token" : "exchange the sign-in code";
    // The same guarded transport as every API call; errors read as OAuth errors; never repeated
    // (a sign-in code works once, and a rotated refresh token is spent by the first attempt).
    const res = await this.fetch(
      this.oauth.tokenUrl(),
      { method: "POST", headers, body },
      { action, idempotent: false, maxRetries: 0, classify: (text, status) => this.tokenErrors(text, status) },
    ).catch((e: unknown) => {
      // A token call publishes nothing: a lost answer here must not make a publish look possibly made.
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
    const text = await res.text();
    // A token answer is credentials: never quoted into an error.
    const answer = parseJsonAnswer(text, `${this.name} token endpoint`, action, { status: res.status, secret: true });
    const parsed = tokenResponse.safeParse(answer);
    if (!parsed.success)
      throw new ProviderError("retry", `${this.name} sent a token answer without an access token`, { status: res.status });
    return parsed.data;
  }

  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    const token = await this.tokenRequest({
      grant_type: "authorization_code",
      code: params.code,
      redirect_uri: params.redirectUri,
      ...(this.oauth.pkce ? { code_verifier: params.codeVerifier } : {}),
    });
    const scopes = token.scope?.split(/[\s,]+/).filter(Boolean);
    if (scopes) this.checkScopes(this.scopes, scopes);
    const profile = await this.profile(token.access_token, token);
    return { ...profile, accessToken: token.access_token, refreshToken: token.refresh_token, expiresIn: token.expires_in, scopes };
  }

  async refreshToken(refreshToken: string): Promise<TokenSet> {
    const token = await this.tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken });
    return { accessToken: token.access_token, refreshToken: token.refresh_token, expiresIn: token.expires_in };
  }
}
