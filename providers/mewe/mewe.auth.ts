import { z } from "zod";
import { ProviderError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { AuthResult, AuthUrlContext, OAuthStart } from "../social.integrations.interface";
import { authHeaders, meweApp, meweUrl, userHeaders } from "./mewe.api";
import { classifyMeweTokenError } from "./mewe.errors";

// MeWe's standalone sign-in (../shared/platforms/mewe.md §1). It is not OAuth: the link carries the
// App ID, the callback and a state, with no response_type, scope or PKCE; MeWe sends the user back
// with a loginRequestToken (manifest auth.grantParam), which is swapped once, with the app's secret
// API key, for an apiToken that lasts until its expiresAt and has no refresh token.

export function meweSignInLink(ctx: AuthUrlContext): OAuthStart {
  const params = new URLSearchParams({ client_id: meweApp().appId, redirect_uri: ctx.redirectUri, state: ctx.state });
  return { url: `${meweUrl("/login")}?${params}`, codeVerifier: ctx.codeVerifier, state: ctx.state };
}

const tokenAnswer = z.union([
  z.object({ apiToken: z.string().min(1), expiresAt: z.string().optional() }),
  z.object({ pending: z.literal(true) }),
]);

const meAnswer = z.object({
  userId: z.union([z.string().min(1), z.number()]).transform(String),
  name: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  handle: z.string().optional(),
});

/** Seconds until an ISO time, or undefined when MeWe sent none (or one that cannot be read). */
function secondsUntil(iso: string | undefined, now = Date.now()): number | undefined {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(at) ? Math.max(0, Math.floor((at - now) / 1000)) : undefined;
}

/** Swaps the loginRequestToken for an apiToken and reads the account it belongs to. */
export async function meweSignIn(api: SocialAbstract, loginRequestToken: string): Promise<AuthResult> {
  const action = "exchange MeWe's login request token";
  const res = await api
    .fetch(
      `${meweUrl("/api/dev/token")}?${new URLSearchParams({ loginRequestToken })}`,
      { headers: authHeaders() },
      { action, maxRetries: 0, classify: classifyMeweTokenError },
    )
    .catch((e: unknown) => {
      // A token call publishes nothing.
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  // The answer holds the apiToken: never quoted into an error.
  const parsed = tokenAnswer.safeParse(
    parseJsonAnswer(await res.text(), "MeWe token endpoint", action, { status: res.status, secret: true }),
  );
  if (!parsed.success) throw new ProviderError("retry", "MeWe sent a token answer without an apiToken", { status: res.status });
  if ("pending" in parsed.data)
    throw new ProviderError(
      "bad-body",
      "MeWe has not recorded your approval of this app yet: approve its permissions in MeWe, then connect again",
    );
  const { apiToken, expiresAt } = parsed.data;
  const me = meAnswer.safeParse(
    await api.fetchJson(meweUrl("/api/dev/me"), { headers: userHeaders() }, { action: "read the MeWe account", token: apiToken }),
  );
  if (!me.success) throw new ProviderError("retry", "MeWe did not say which account signed in");
  const { userId, handle } = me.data;
  const full = [me.data.firstName, me.data.lastName].filter(Boolean).join(" ");
  const expiresIn = secondsUntil(expiresAt);
  return {
    id: userId,
    name: me.data.name?.trim() || full || handle || userId,
    ...(handle ? { username: handle } : {}),
    accessToken: apiToken,
    ...(expiresIn !== undefined ? { expiresIn } : {}),
  };
}
