import { z } from "zod";
import { ProviderError, platformMessage, type HandledError } from "../core/errors";
import { appCredentials } from "../core/hosts";
import { parseJsonAnswer } from "../core/json";
import type { TokenResponse } from "../core/oauth2-provider";
import type { SocialAbstract } from "../social.abstract";

// Whop's token endpoint (POST https://api.whop.com/oauth/token) as its OAuth guide shows it: a
// JSON body with grant_type, code / refresh_token, redirect_uri, client_id and code_verifier. The
// client secret is sent too when the operator set one (a confidential client); a public PKCE
// client leaves it out. Refresh tokens rotate: the answer's new one replaces the old.

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
});

/** OAuth errors: a refused grant means the user must sign in again; a busy server, try later. */
function tokenErrors(body: string, status: number): HandledError {
  const message = platformMessage(body, `token endpoint answered HTTP ${status}`);
  if (status >= 500 || status === 429) return { kind: "retry", message };
  return { kind: "disconnect", message };
}

export async function whopTokenRequest(client: SocialAbstract, url: string, form: Record<string, string>): Promise<TokenResponse> {
  const { clientId, clientSecret } = appCredentials("whop", false);
  const body = { ...form, client_id: clientId, ...(clientSecret ? { client_secret: clientSecret } : {}) };
  const action = form.grant_type === "refresh_token" ? "refresh the access token" : "exchange the sign-in code";
  // Never repeated: a code works once, and a rotated refresh token is spent by the first attempt.
  const res = await client
    .fetch(
      url,
      { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) },
      { action, idempotent: false, maxRetries: 0, classify: tokenErrors },
    )
    .catch((e: unknown) => {
      // A token call publishes nothing, so a lost answer must not mark a publish as possibly made.
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  const text = await res.text();
  // A token answer is credentials: never quoted into an error.
  const parsed = tokenAnswer.safeParse(parseJsonAnswer(text, "Whop token endpoint", action, { status: res.status, secret: true }));
  if (!parsed.success) throw new ProviderError("retry", "Whop sent a token answer without an access token", { status: res.status });
  return parsed.data;
}
